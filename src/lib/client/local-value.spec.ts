import { describe, expect, it } from 'vitest';
import { localValue } from './local-value';

/** The part of the Web Storage API the helper uses, over a Map (Node has no localStorage). */
function memoryStorage(initial: Record<string, string> = {}) {
	const map = new Map(Object.entries(initial));
	return {
		map,
		getItem: (k: string) => map.get(k) ?? null,
		setItem: (k: string, v: string) => void map.set(k, v)
	};
}

const isLocale = (v: unknown) => (v === 'en' || v === 'zh-CN' ? v : undefined);

describe('localValue', () => {
	it('answers the fallback until something is stored, then what was stored', () => {
		const s = memoryStorage();
		const locale = localValue(
			'k',
			() => 'zh-CN',
			isLocale,
			() => s
		);
		expect(locale.get()).toBe('zh-CN');
		locale.set('en');
		expect(s.map.get('k')).toBe('"en"');
		expect(locale.get()).toBe('en');
	});

	it('keeps objects through JSON', () => {
		const s = memoryStorage();
		const accept = (v: unknown) =>
			typeof v === 'object' && v !== null && 'topDown' in v ? (v as { topDown: boolean }) : undefined;
		const prefs = localValue(
			'p',
			() => ({ topDown: true }),
			accept,
			() => s
		);
		prefs.set({ topDown: false });
		expect(prefs.get()).toEqual({ topDown: false });
	});

	it('reads a plain string written before values were JSON', () => {
		const locale = localValue(
			'k',
			() => 'zh-CN',
			isLocale,
			() => memoryStorage({ k: 'en' })
		);
		expect(locale.get()).toBe('en');
	});

	it('falls back on a value it does not recognise instead of failing', () => {
		const locale = localValue(
			'k',
			() => 'zh-CN',
			isLocale,
			() => memoryStorage({ k: '{"broken":' })
		);
		expect(locale.get()).toBe('zh-CN');
		const other = localValue(
			'k',
			() => 'zh-CN',
			isLocale,
			() => memoryStorage({ k: '"fr"' })
		);
		expect(other.get()).toBe('zh-CN');
	});

	it('answers the fallback where there is no storage, and a refused write changes nothing', () => {
		expect(
			localValue(
				'k',
				() => 7,
				() => 1,
				() => undefined
			).get()
		).toBe(7);
		const full = {
			getItem: () => null,
			setItem: () => {
				throw new DOMException('quota', 'QuotaExceededError');
			}
		};
		const v = localValue(
			'k',
			() => 7,
			(x) => (typeof x === 'number' ? x : undefined),
			() => full
		);
		expect(() => v.set(8)).not.toThrow();
		expect(v.get()).toBe(7);
	});
});
