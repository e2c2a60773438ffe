import { describe, expect, it } from 'vitest';
import { FREE_TRIES, nextTryAt, secondsLeft, waitAfter } from './backoff';
import { MAX_PIN_FAILS } from './vault';

describe('wrong-PIN back-off', () => {
	it('lets the first tries through, then doubles the wait from 30 s up to 15 min', () => {
		const schedule = Array.from({ length: MAX_PIN_FAILS }, (_, i) => waitAfter(i) / 1000);
		expect(FREE_TRIES).toBe(3);
		expect(schedule).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900]);
		expect(waitAfter(30)).toBe(15 * 60_000);
	});

	it('the nine tries before the wipe take a guesser a quarter of an hour and more', () => {
		let total = 0;
		for (let fails = 1; fails < MAX_PIN_FAILS; fails++) total += waitAfter(fails);
		expect(total / 60_000).toBeGreaterThanOrEqual(15);
	});

	it('keeps the stored time, but never longer than the schedule allows (a clock set back)', () => {
		const now = 1_000_000;
		expect(nextTryAt(undefined, 5, now)).toBe(now);
		expect(nextTryAt(now + 20_000, 5, now)).toBe(now + 20_000);
		expect(nextTryAt(now + 10 * 86_400_000, 5, now)).toBe(now + 60_000);
		expect(nextTryAt(now - 5_000, 5, now)).toBe(now - 5_000);
	});

	it('counts whole seconds up, and never below zero', () => {
		expect(secondsLeft(10_500, 10_000)).toBe(1);
		expect(secondsLeft(40_000, 10_000)).toBe(30);
		expect(secondsLeft(9_000, 10_000)).toBe(0);
	});
});
