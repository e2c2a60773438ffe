import type { Household } from '../schemas';
import { compareLabel } from '../layout';
import { CARE_CATEGORIES } from './constants';
import { dueOn, dutiesOf, nextDue, overdueDays, type Duty } from './due';
import type { CareState } from './fold';

/** A person as the lead's ledger shows them. */
export interface LedgerRow {
	state: CareState;
	household: Household | null;
	duties: Duty[];
	next: string | null;
	/** Days the most late duty is late; 0 when nothing is late. */
	late: number;
}

export function ledgerRows(
	states: Iterable<CareState>,
	households: ReadonlyMap<string, Household>,
	roundDays: readonly string[],
	today: string
): LedgerRow[] {
	const rows: LedgerRow[] = [];
	for (const state of states) {
		const duties = dutiesOf(state, roundDays, today);
		const late = Math.max(0, ...dueOn(duties, today).map((d) => overdueDays(d, today)));
		rows.push({ state, household: households.get(state.householdId) ?? null, duties, next: nextDue(duties), late });
	}
	return rows.sort(
		(a, b) =>
			compareLabel(a.household?.building ?? '', b.household?.building ?? '') ||
			compareLabel(a.household?.unit ?? '', b.household?.unit ?? '') ||
			compareLabel(a.household?.room ?? '', b.household?.room ?? '') ||
			compareLabel(a.state.person.name, b.state.person.name) ||
			(a.state.id < b.state.id ? -1 : 1)
	);
}

export interface LedgerFilter {
	category: string | null;
	building: string | null;
	pairing: 'all' | 'paired' | 'unpaired';
	/** Late by a day or more, or raised after unanswered calls. */
	overdue: boolean;
}

export const NO_FILTER: LedgerFilter = { category: null, building: null, pairing: 'all', overdue: false };

export const needsAttention = (r: LedgerRow): boolean => r.late > 0 || r.state.raised;

export function filterLedger(rows: readonly LedgerRow[], f: LedgerFilter): LedgerRow[] {
	return rows.filter(
		(r) =>
			(f.category === null || r.state.person.categories.includes(f.category)) &&
			(f.building === null || r.household?.building === f.building) &&
			(f.pairing === 'all' || (f.pairing === 'paired') === (r.state.pair !== null)) &&
			(!f.overdue || needsAttention(r))
	);
}

/**
 * People per category (a person in two categories counts in both): the street office's fixed
 * categories in their usual order, then free ones, largest first.
 */
export function categoryCounts(rows: readonly LedgerRow[]): { category: string; count: number }[] {
	const counts = new Map<string, number>();
	for (const r of rows) for (const c of r.state.person.categories) counts.set(c, (counts.get(c) ?? 0) + 1);
	const fixed = (c: string) => {
		const i = (CARE_CATEGORIES as readonly string[]).indexOf(c);
		return i < 0 ? CARE_CATEGORIES.length : i;
	};
	return [...counts]
		.map(([category, count]) => ({ category, count }))
		.sort((a, b) => fixed(a.category) - fixed(b.category) || b.count - a.count || compareLabel(a.category, b.category));
}

/** Per paired volunteer: their people with a late duty, and those raised after no answers. */
export function missedByVolunteer(rows: readonly LedgerRow[]): { volunteer: string; late: number; raised: number }[] {
	const by = new Map<string, { volunteer: string; late: number; raised: number }>();
	for (const r of rows) {
		const pair = r.state.pair;
		if (!pair || !needsAttention(r)) continue;
		const v = by.get(pair.deviceId) ?? { volunteer: pair.name, late: 0, raised: 0 };
		if (r.late > 0) v.late++;
		if (r.state.raised) v.raised++;
		by.set(pair.deviceId, v);
	}
	return [...by.values()].sort(
		(a, b) => b.late + b.raised - (a.late + a.raised) || compareLabel(a.volunteer, b.volunteer)
	);
}
