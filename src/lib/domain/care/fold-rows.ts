import type { FieldEvent } from '../schemas';
import { effectiveTime } from '../status';
import { applyCare, foldCare, isCareEvent, type CareEvent, type CareState, type Setter } from './fold';
import type { CareField } from './schemas';

/**
 * The persisted fold of the care ledger (issue 11): one row a person, kept on the device beside
 * the events, so the today list reads ~200 rows on open instead of folding a year of check-ins.
 * Bump the version whenever foldCare's rules or CareState's shape change: a device whose rows
 * carry another version rebuilds them from its events.
 */
export const CARE_FOLD_VERSION = 2;

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

/**
 * A row as IndexedDB keeps it (version 2), sealed whole: the state without what the row's clear
 * keys already say (its person and household), and each field's setter stored once with the
 * fields naming it by index — one entry for a person nobody corrected, instead of the same
 * setter under every field (half of a version-1 row's bytes). The today list opens ~200 of these
 * at every unlock, and unsealing costs by the byte (docs/benchmarks.md, session 8).
 */
export interface StoredFoldRow {
	personId: string;
	householdId: string;
	paired: string;
	state: Omit<CareState, 'id' | 'householdId' | 'setBy'>;
	setters: Setter[];
	setBy: Partial<Record<CareField, number>>;
	last: FoldMark;
	v: number;
}

/** The stored form of a row (packRow ∘ unpackRow is the identity on rows of this version). */
export function packRow(row: CareFoldRow): StoredFoldRow {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { id: _id, householdId: _h, setBy: by, ...state } = row.state;
	const setters: Setter[] = [];
	const setBy: Partial<Record<CareField, number>> = {};
	for (const [field, setter] of Object.entries(by) as [CareField, Setter][]) {
		let i = setters.findIndex((s) => s.id === setter.id && s.t === setter.t && s.fromRoster === setter.fromRoster);
		if (i < 0) i = setters.push(setter) - 1;
		setBy[field] = i;
	}
	return {
		personId: row.personId,
		householdId: row.householdId,
		paired: row.paired,
		state,
		setters,
		setBy,
		last: row.last,
		v: row.v
	};
}

/**
 * The row from its stored form. A row stored by another version comes back as it was stored:
 * its `v` makes the next step of its person rebuild it, and the whole ledger is rebuilt
 * anyway when the stored version differs (care-fold.ts, FOLD_VERSION_KEY).
 */
export function unpackRow(stored: StoredFoldRow): CareFoldRow {
	if (stored.v !== CARE_FOLD_VERSION) return stored as unknown as CareFoldRow;
	// Shared setter objects, as startState makes them: the fold replaces a field's setter, never edits one.
	const setBy = {} as Record<CareField, Setter>;
	for (const [field, i] of Object.entries(stored.setBy) as [CareField, number][]) setBy[field] = stored.setters[i];
	return {
		personId: stored.personId,
		householdId: stored.householdId,
		paired: stored.paired,
		state: { id: stored.personId, householdId: stored.householdId, ...stored.state, setBy },
		last: stored.last,
		v: stored.v
	};
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
