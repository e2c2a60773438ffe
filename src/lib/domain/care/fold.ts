import type { FieldEvent } from '../schemas';
import { effectiveTime } from '../status';
import { MISSES_TO_RAISE, type CareDuty, type CheckResult } from './constants';
import { laterDay, shanghaiDay } from './days';
import type { CareField, CarePerson, CarePlan } from './schemas';

export type CareEvent = Extract<FieldEvent, { type: `care_${string}` }>;

export const isCareEvent = (e: FieldEvent): e is CareEvent => e.type.startsWith('care_');

/** Who set a field's value, and when (the effective time, capped at receipt). */
export interface Setter {
	id: string;
	t: number;
	fromRoster: boolean;
}

/** The last contact (or miss) of one kind, as a Shanghai day and who recorded it. */
export interface CheckMark {
	day: string;
	/** The effective time, ms since the epoch. */
	t: number;
	volunteer: string;
	result: CheckResult;
}

/** A person on the ledger, folded from their events. */
export interface CareState {
	id: string;
	householdId: string;
	person: CarePerson;
	/** Which event set each field now (a re-import reads this to leave field edits alone). */
	setBy: Record<CareField, Setter>;
	fromRoster: boolean;
	pair: { deviceId: string; name: string } | null;
	plan: CarePlan | null;
	/** The Shanghai day the plan in force was set. */
	planDay: string | null;
	/** Last check-in of any result, and the last contact (anything but no answer). */
	lastCheck: CheckMark | null;
	lastContact: CheckMark | null;
	/** The last contact day per duty; any contact counts as the day's call. */
	lastDone: Partial<Record<CareDuty, string>>;
	/** The last day a visit was made (result `visited`, whatever the duty). */
	lastVisit: string | null;
	/** "No answer" in a row since the last contact. */
	misses: number;
	/** Told to the lead: MISSES_TO_RAISE no answers in a row. */
	raised: boolean;
	/** The last contact said the person needs something, and no contact since said otherwise. */
	needs: boolean;
	checks: number;
}

/** An event with its effective time, worked out once (a year of check-ins is ~70,000 events). */
interface Timed {
	e: CareEvent;
	t: number;
}

const order = (a: Timed, b: Timed): number =>
	a.t !== b.t ? a.t - b.t : a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0;

/**
 * Whether a value from `next` replaces one from `was`. A value somebody entered (in the field or
 * on the lead's screen) always beats one the roster file brought, so a re-import never undoes a
 * correction, even one that reaches the server after it; otherwise the later wins (effective
 * time, then id), field by field: the latest word about a person is the best one, and two
 * devices correcting different fields both keep theirs.
 */
const replaces = (was: Setter, next: Setter): boolean =>
	was.fromRoster !== next.fromRoster ? was.fromRoster : next.t !== was.t ? next.t > was.t : next.id > was.id;

/**
 * Folds care events into the ledger: one state per person with a `care_person` event. The same
 * set of events gives the same ledger in any order (events are sorted first), on every device
 * and on the server.
 */
export function foldCare(events: readonly FieldEvent[]): Map<string, CareState> {
	const care: Timed[] = [];
	for (const e of events) if (isCareEvent(e)) care.push({ e, t: effectiveTime(e) });
	care.sort(order);
	const out = new Map<string, CareState>();
	// People first: a correction or check-in may have been recorded before the entry synced.
	for (const { e, t } of care) {
		if (e.type !== 'care_person') continue;
		const had = out.get(e.personId);
		if (had) applyCare(had, e, t);
		else out.set(e.personId, startState(e, t));
	}
	for (const { e, t } of care) {
		if (e.type === 'care_person') continue;
		const s = out.get(e.personId);
		if (s) applyCare(s, e, t);
	}
	return out;
}

/** A person's state from the first `care_person` event about them (in fold order). */
export function startState(e: Extract<CareEvent, { type: 'care_person' }>, t: number): CareState {
	const setter: Setter = { id: e.id, t, fromRoster: e.fromRoster === true };
	const setBy = Object.fromEntries(Object.keys(e.person).map((k) => [k, setter])) as Record<CareField, Setter>;
	return {
		id: e.personId,
		householdId: e.householdId,
		// A copy of the top level only: the fold replaces whole fields, never edits inside one.
		person: { ...e.person },
		setBy,
		fromRoster: setter.fromRoster,
		pair: null,
		plan: null,
		planDay: null,
		lastCheck: null,
		lastContact: null,
		lastDone: {},
		lastVisit: null,
		misses: 0,
		raised: false,
		needs: false,
		checks: 0
	};
}

/**
 * Folds one more event (effective time `t`) into a person's state, in place. Applied in fold
 * order to a state made by startState, it gives what foldCare gives: person fields are per-field
 * "later wins" (so a later entry is folded like a correction), the rest is in time order.
 */
export function applyCare(s: CareState, e: CareEvent, t: number): void {
	switch (e.type) {
		case 'care_person':
			applyFields(s, e.person, { id: e.id, t, fromRoster: e.fromRoster === true });
			break;
		case 'care_correct':
			applyFields(s, e.fields, { id: e.id, t, fromRoster: e.fromRoster === true });
			break;
		case 'care_pair':
			s.pair = e.pairedDeviceId ? { deviceId: e.pairedDeviceId, name: e.pairedName } : null;
			break;
		case 'care_plan':
			s.plan = e.plan;
			s.planDay = shanghaiDay(t);
			break;
		case 'care_check':
			check(s, e, t);
			break;
	}
}

function applyFields(s: CareState, fields: Partial<CarePerson>, setter: Setter): void {
	for (const key of Object.keys(fields) as CareField[]) {
		const value = fields[key];
		if (value === undefined) continue;
		const was = s.setBy[key];
		if (was && !replaces(was, setter)) continue;
		(s.person as Record<CareField, unknown>)[key] = value;
		s.setBy[key] = setter;
	}
}

function check(s: CareState, e: Extract<CareEvent, { type: 'care_check' }>, t: number): void {
	const mark: CheckMark = { day: shanghaiDay(t), t, volunteer: e.volunteer, result: e.result };
	if (e.result === 'requested') {
		// A refill handed to the needs desk: the next one counts from today; nobody was reached.
		if (e.duty === 'refill') s.lastDone.refill = laterDay(s.lastDone.refill ?? mark.day, mark.day);
		return;
	}
	s.checks++;
	s.lastCheck = mark;
	if (e.result === 'no_answer') {
		s.misses++;
		s.raised = s.misses >= MISSES_TO_RAISE;
		return;
	}
	s.lastContact = mark;
	s.misses = 0;
	s.raised = false;
	// A need that became a request is the needs desk's; one no request could be made for stays here.
	s.needs = e.result === 'needs' && !e.needId;
	s.lastDone[e.duty] = mark.day;
	// Whoever spoke with the person today, whatever for, has made today's call.
	s.lastDone.call = mark.day;
	if (e.result === 'visited') s.lastVisit = mark.day;
}
