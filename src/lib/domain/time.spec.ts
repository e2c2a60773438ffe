import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { clockTime, dateTime } from './time';

// The clock time is written out, the date's formatter built once; the text must stay what toLocale* wrote for every instant.
describe('clockTime and dateTime', () => {
	const instants = fc
		.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })
		.map((ms) => new Date(ms).toISOString());

	it('write what toLocaleTimeString and toLocaleString wrote', () => {
		fc.assert(
			fc.property(instants, (iso) => {
				const d = new Date(iso);
				expect(clockTime(iso)).toBe(
					d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false })
				);
				expect(dateTime(iso)).toBe(d.toLocaleString('zh-CN', { hour12: false }));
			}),
			{ numRuns: 300 }
		);
	});

	it('write midnight and the last second of a year as before', () => {
		for (const iso of ['2026-12-31T16:00:00.000Z', '2026-12-31T15:59:59.000Z', '2026-02-28T23:59:59.999Z']) {
			const d = new Date(iso);
			expect(clockTime(iso)).toBe(d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false }));
			expect(dateTime(iso)).toBe(d.toLocaleString('zh-CN', { hour12: false }));
		}
	});

	it('builds no Intl formatter for the clock time, which the lock screen shows (issue 13)', async () => {
		vi.resetModules();
		const built = vi.spyOn(Intl, 'DateTimeFormat');
		try {
			const time = await import('./time');
			expect(time.clockTime('2026-12-31T16:05:00.000Z')).toMatch(/^\d\d:05$/);
			expect(built).not.toHaveBeenCalled();
		} finally {
			built.mockRestore();
		}
	});
});
