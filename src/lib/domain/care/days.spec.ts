import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, daysBetween, fromDayNumber, shanghaiDay } from './days';

describe('Shanghai days', () => {
	it('a day starts at 16:00 UTC the evening before', () => {
		expect(shanghaiDay('2026-11-30T15:59:59.999Z')).toBe('2026-11-30');
		expect(shanghaiDay('2026-11-30T16:00:00.000Z')).toBe('2026-12-01');
		expect(shanghaiDay('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
		expect(shanghaiDay('2028-02-28T16:30:00.000Z')).toBe('2028-02-29');
		expect(shanghaiDay('2026-02-28T16:30:00.000Z')).toBe('2026-03-01');
	});

	it('agrees with the platform’s own Asia/Shanghai calendar at any instant', () => {
		const fmt = new Intl.DateTimeFormat('en-CA', {
			timeZone: 'Asia/Shanghai',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		fc.assert(
			fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
				expect(shanghaiDay(ms)).toBe(fmt.format(ms));
			}),
			{ numRuns: 2000 }
		);
	});

	it('adds days across month and year ends', () => {
		expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
		expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(daysBetween('2026-11-25', '2026-12-25')).toBe(30);
	});

	it('adding then counting days round-trips', () => {
		fc.assert(
			fc.property(fc.integer({ min: 10_000, max: 60_000 }), fc.integer({ min: -400, max: 400 }), (d, n) => {
				const day = fromDayNumber(d);
				expect(dayNumber(day)).toBe(d);
				expect(daysBetween(day, addDays(day, n))).toBe(n);
			})
		);
	});
});
