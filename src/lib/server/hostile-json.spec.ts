import { describe, expect, it } from 'vitest';
import { hostileJson } from './hostile-json';

describe('hostileJson', () => {
	it('passes ordinary JSON', () => {
		expect(hostileJson({ a: [1, 'x', { b: null, c: true, d: 1.5 }], e: -2 }, 8)).toBeNull();
	});

	it('names the first offending field in document order, by its path', () => {
		const body = { ok: 'x', items: [{ name: 'a' }, { name: 'b\0' }], later: Number.POSITIVE_INFINITY };
		expect(hostileJson(body, 8)).toBe('items.1.name: contains a NUL character, which cannot be stored');
		expect(hostileJson({ a: 2 ** 53 + 1 }, 8)).toBe('a: number out of range');
		expect(hostileJson(Number.NaN, 8)).toBe('body: number out of range');
	});

	it('refuses a NUL in a field name at the object that holds it', () => {
		expect(hostileJson({ order: { ['x\0']: 1 } }, 8)).toBe('order: a field name contains a NUL character');
	});

	it('refuses nesting past the limit without overflowing the stack, however deep', () => {
		let deep: unknown = 1;
		for (let i = 0; i < 100_000; i++) deep = [deep];
		expect(hostileJson({ a: deep }, 16)).toBe(`a${'.0'.repeat(15)}: nested deeper than 16 levels`);
		expect(hostileJson({ a: { b: {} } }, 2)).toBe('a.b: nested deeper than 2 levels');
		expect(hostileJson({ a: { b: 1 } }, 2)).toBeNull();
	});

	it('leaves the named top-level array to its caller, and only that one', () => {
		const body = { events: [{ x: '\0' }], other: [{ x: '\0' }] };
		expect(hostileJson(body, 8, 'events')).toBe('other.0.x: contains a NUL character, which cannot be stored');
		expect(hostileJson({ events: [{ x: '\0' }] }, 8, 'events')).toBeNull();
		expect(hostileJson({ events: { x: '\0' } }, 8, 'events')).toBe(
			'events.x: contains a NUL character, which cannot be stored'
		);
	});
});
