/**
 * How long the lock screen makes a volunteer wait after wrong PINs. The first tries are free (a
 * gloved thumb slips); then each wrong PIN doubles the wait, so guessing through the ten tries
 * before the wipe takes most of an hour rather than seconds. Pure: the vault stores the time the
 * next try is allowed (so a reload does not reset it) and asks this module how long is left.
 */

/** Wrong PINs in a row that cost nothing but the count. */
export const FREE_TRIES = 3;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

/** The wait before the next try, after `fails` wrong PINs in a row. */
export function waitAfter(fails: number): number {
	if (fails <= FREE_TRIES) return 0;
	return Math.min(FIRST_WAIT_MS * 2 ** (fails - FREE_TRIES - 1), LONGEST_WAIT_MS);
}

/**
 * When the next try is allowed, from the stored time. A clock set back (or a stored time from a
 * clock that ran fast) never makes the wait longer than the schedule's own for this many fails.
 */
export function nextTryAt(stored: number | undefined, fails: number, now: number): number {
	if (stored === undefined) return now;
	return Math.min(stored, now + waitAfter(fails));
}

/** Whole seconds left before the next try (0: try now). */
export function secondsLeft(retryAt: number, now: number): number {
	return Math.max(0, Math.ceil((retryAt - now) / 1000));
}
