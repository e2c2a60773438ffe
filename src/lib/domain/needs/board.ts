import { compareLabel } from '../layout';
import { URGENCIES } from '../constants';
import { DEFAULT_PROMISES, FIRST_KINDS, type NeedKind, type Promise_ } from './kinds';
import { OPEN_STATES, type Need } from './fold';

const MINUTE = 60_000;

/**
 * When the request was promised by: accepted by a named volunteer within `respond` minutes of
 * being asked, done within `complete`. Null when the time it was asked is unknown.
 */
export function dueAt(n: Need, promises: Record<NeedKind, Promise_> = DEFAULT_PROMISES): number | null {
	if (!n.askedAt) return null;
	const p = promises[n.kind];
	const waiting = n.state === 'new' || n.state === 'pool' || n.state === 'not_done';
	return Date.parse(n.askedAt) + (waiting ? p.respond : p.complete) * MINUTE;
}

export const isOpen = (n: Need): boolean => OPEN_STATES.includes(n.state);

export function isOverdue(n: Need, now: number, promises?: Record<NeedKind, Promise_>): boolean {
	if (!isOpen(n)) return false;
	const due = dueAt(n, promises);
	return due !== null && due < now;
}

const urgencyRank = (n: Need): number => URGENCIES.indexOf(n.urgency);
const dueOrLast = (n: Need, promises?: Record<NeedKind, Promise_>) => dueAt(n, promises) ?? Number.MAX_SAFE_INTEGER;

/**
 * A volunteer's list: what they hold, then the pool they may claim; each by urgency (medicine,
 * infant, the rest), then the promised time, then id so the order never flickers.
 */
export function myTasks(needs: readonly Need[], deviceId: string): { mine: Need[]; pool: Need[] } {
	const order = (a: Need, b: Need) =>
		urgencyRank(a) - urgencyRank(b) || dueOrLast(a) - dueOrLast(b) || (a.id < b.id ? -1 : 1);
	return {
		mine: needs.filter((n) => isOpen(n) && n.holder?.deviceId === deviceId).sort(order),
		pool: needs.filter((n) => n.state === 'pool').sort(order)
	};
}

/** Requests a device claimed but someone else got first: "已由 X 接单". */
export const lostTo = (needs: readonly Need[], deviceId: string): { need: Need; heldBy: string | null }[] =>
	needs.flatMap((n) => {
		const lost = n.lostClaims.find((c) => c.deviceId === deviceId);
		return lost && n.holder?.deviceId !== deviceId ? [{ need: n, heldBy: lost.heldBy ?? n.holder?.name ?? null }] : [];
	});

/**
 * The lead's board: open requests, overdue first, then medicine and infant needs above the
 * rest, then the oldest first.
 */
export function boardOrder(needs: readonly Need[], now: number, promises?: Record<NeedKind, Promise_>): Need[] {
	const first = (n: Need) => (FIRST_KINDS.includes(n.kind) || n.urgency !== 'normal' ? 0 : 1);
	const asked = (n: Need) => (n.askedAt ? Date.parse(n.askedAt) : Number.MAX_SAFE_INTEGER);
	return needs
		.filter(isOpen)
		.sort(
			(a, b) =>
				Number(isOverdue(b, now, promises)) - Number(isOverdue(a, now, promises)) ||
				first(a) - first(b) ||
				asked(a) - asked(b) ||
				(a.id < b.id ? -1 : 1)
		);
}

/** How many open requests the board draws at a time (the rest behind "show more"). */
export const BOARD_PAGE = 100;

/** The latest closed requests (done, cancelled), newest first: what the board shows below. */
export function recentlyClosed(needs: readonly Need[], limit = 50): Need[] {
	return needs
		.filter((n) => n.state === 'done' || n.state === 'cancelled')
		.sort((a, b) => (a.closedAt! < b.closedAt! ? 1 : a.closedAt! > b.closedAt! ? -1 : a.id < b.id ? -1 : 1))
		.slice(0, limit);
}

export interface VolunteerFeedback {
	name: string;
	done: number;
	good: number;
	ok: number;
	bad: number;
}

/** Per volunteer: requests done and the residents' ratings of them, most done first. */
export function feedbackByVolunteer(needs: readonly Need[]): VolunteerFeedback[] {
	const by = new Map<string, VolunteerFeedback>();
	for (const n of needs) {
		if (n.state !== 'done' || !n.done) continue;
		const row = by.get(n.done.by) ?? { name: n.done.by, done: 0, good: 0, ok: 0, bad: 0 };
		row.done++;
		if (n.done.feedback) row[n.done.feedback]++;
		by.set(n.done.by, row);
	}
	return [...by.values()].sort((a, b) => b.done - a.done || compareLabel(a.name, b.name));
}
