import { describe, expect, it } from 'vitest';
import { waited } from './age';

describe('waited', () => {
	const at = '2026-12-01T08:00:00.000Z';
	const t = (minutes: number) => Date.parse(at) + minutes * 60_000;
	it('names the largest whole unit', () => {
		expect(waited(at, t(0))).toEqual({ unit: 'minutes', count: 0 });
		expect(waited(at, t(59))).toEqual({ unit: 'minutes', count: 59 });
		expect(waited(at, t(60))).toEqual({ unit: 'hours', count: 1 });
		expect(waited(at, t(24 * 60 - 1))).toEqual({ unit: 'hours', count: 23 });
		expect(waited(at, t(3 * 24 * 60 + 5))).toEqual({ unit: 'days', count: 3 });
	});
	it('a time in the future (a wrong clock) waits zero minutes', () => {
		expect(waited(at, t(-30))).toEqual({ unit: 'minutes', count: 0 });
	});
});
