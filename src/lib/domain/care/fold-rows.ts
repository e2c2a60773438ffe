import type { FieldEvent } from '../schemas';
import { effectiveTime } from '../status';
import { applyCare, foldCare, isCareEvent, type CareEvent, type CareState } from './fold';

/**
 * The persisted fold of the care ledger (issue 11): one row a person, kept on the device beside
 * the events, so the today list reads ~200 rows on open instead of folding a year of check-ins.
 * Bump the version whenever foldCare's rules or CareState's shape change: a device whose rows
 * carry another version rebuilds them from its events.
 */
export const CARE_FOLD_VERSION = 1;

/** The last event (in fold order: effective time, then id) a row has folded in. */
export interface FoldMark {
	t: number;
	id: string;
}

export interface CareFoldRow {
	personId: string;
	/** Every event about a person names the person's household (the server refuses others), so
	 * a household's events are all that is needed to rebuild its people's rows. */
	householdId: string;
	/** The paired volunteer's device ('' when unpaired), so a phone reads only its own pairs. */
	paired: string;
	state: CareState;
	last: FoldMark;
	v: number;
}

const pairedOf = (s: CareState): string => s.pair?.deviceId ?? '';

const after = (a: FoldMark, b: FoldMark): boolean => (a.t !== b.t ? a.t > b.t : a.id > b.id);

/** Rows from a full fold of `events` (all of some households' care events, or all of them). */
export function foldRows(events: readonly FieldEvent[]): CareFoldRow[] {
	const states = foldCare(events);
	const last = new Map<string, FoldMark>();
	for (const e of events) {
		if (!isCareEvent(e)) continue;
		const mark = { t: effectiveTime(e), id: e.id };
		const was = last.get(e.personId);
		if (!was || after(mark, was)) last.set(e.personId, mark);
	}
	return [...states.values()].map((state) => ({
		personId: state.id,
		householdId: state.householdId,
		paired: pairedOf(state),
		state,
		last: last.get(state.id) ?? { t: 0, id: '' },
		v: CARE_FOLD_VERSION
	}));
}

/** What storing one care event does to its person's row. */
export type FoldStep =
	/** The ledger is unchanged (the same event again, or an event about nobody known yet). */
	| { kind: 'none' }
	/** The event comes after everything the row holds: the row with it folded on top. */
	| { kind: 'row'; row: CareFoldRow }
	/** It cannot be folded on top (a late arrival, a changed time, a new person): rebuild the
	 * household's rows from its events. */
	| { kind: 'rebuild'; householdId: string };

/**
 * One incremental step. `row` is the person's stored row (undefined: none, or the household is
 * being rebuilt anyway); `before` is the stored copy of the same event this write replaces, if
 * any. Folding on top is exact only for an event later than all the row holds — the fold is
 * ordered by effective time, then id — so anything else asks for a rebuild, which is
 * foldCare itself over the household's events. Events are immutable under their id but for the
 * server's receipt time, which may move the effective time: that is a change, and rebuilds.
 */
export function stepFold(row: CareFoldRow | undefined, e: CareEvent, before: FieldEvent | undefined): FoldStep {
	const t = effectiveTime(e);
	if (before) return effectiveTime(before) === t ? { kind: 'none' } : { kind: 'rebuild', householdId: e.householdId };
	if (!row) return e.type === 'care_person' ? { kind: 'rebuild', householdId: e.householdId } : { kind: 'none' };
	const mark = { t, id: e.id };
	if (!after(mark, row.last) || row.v !== CARE_FOLD_VERSION) return { kind: 'rebuild', householdId: e.householdId };
	const state = structuredClone(row.state);
	applyCare(state, e, t);
	return { kind: 'row', row: { ...row, paired: pairedOf(state), state, last: mark } };
}
