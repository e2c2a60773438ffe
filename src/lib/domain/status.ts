import type { DeliveryOutcomeEvent, FieldEvent, Household, VisitEvent, VisitOutcome, VoidEvent } from './schemas';

/**
 * Which outcome a household shows when several stand uncorrected. A higher rank wins whatever
 * the time: a late "nobody home" from a colleague who did not know must not hide that people
 * were sampled. Within one rank the later time wins (see effectiveTime), then the larger id, so every
 * device folds the same set of events to the same answer in any order.
 */
const OUTCOME_RANK: Record<VisitOutcome, number> = {
	sampled: 5,
	sampled_elsewhere: 4,
	not_living: 3,
	refused: 2,
	nobody_home: 1
};

export type HouseholdState = 'todo' | 'partial' | 'done' | 'revisit' | 'refused' | 'not_living' | 'elsewhere';

export interface HouseholdStatus {
	state: HouseholdState;
	outcome: VisitOutcome | null;
	sampled: number;
	residents: number;
	tube: string;
	/** The event that decides the status, for "who recorded what" and corrections. */
	decidedBy: VisitEvent | null;
	/** Uncorrected events from other volunteers that say something else. */
	conflicting: VisitEvent[];
	/** Every uncorrected visit event, so a correction can replace all of them. */
	standing: VisitEvent[];
}

/**
 * The time an event counts with: the device's time, but never later than when the server
 * received it. A phone whose clock runs ahead would otherwise win every tie and could overrule
 * records made after it; capped, it wins only what it really did last. The server stamps
 * `receivedAt` and every device pulls it, so all fold with the same times once synced. A clock
 * running behind only loses ties, which rewrites nothing.
 */
export function effectiveTime(e: { at: string; receivedAt?: string }): number {
	const at = Date.parse(e.at);
	if (!e.receivedAt) return at;
	const received = Date.parse(e.receivedAt);
	return received < at ? received : at;
}

function later(
	a: { at: string; id: string; receivedAt?: string },
	b: { at: string; id: string; receivedAt?: string }
): boolean {
	const ta = effectiveTime(a);
	const tb = effectiveTime(b);
	return ta !== tb ? ta > tb : a.id > b.id;
}

function beats(a: VisitEvent, b: VisitEvent): boolean {
	const ra = OUTCOME_RANK[a.outcome];
	const rb = OUTCOME_RANK[b.outcome];
	if (ra !== rb) return ra > rb;
	// The count is "sampled so far": the larger one is what was done in total.
	if (a.sampled !== b.sampled) return a.sampled > b.sampled;
	return later(a, b);
}

/**
 * Ids that no longer count. Voids apply first, so undoing a correction brings back what it
 * corrected; a void itself cannot be voided.
 */
export function supersededIds(events: readonly FieldEvent[]): Set<string> {
	const gone = new Set<string>();
	for (const e of events) if (e.type === 'void') for (const r of e.voids) gone.add(r);
	const replaced = new Set<string>();
	for (const e of events) {
		if (e.type === 'visit' && !gone.has(e.id)) for (const r of e.replaces) replaced.add(r);
	}
	for (const r of replaced) gone.add(r);
	return gone;
}

/** The state one visit event alone would give its household. */
export function visitState(e: VisitEvent, residents = e.residents): HouseholdState {
	switch (e.outcome) {
		case 'sampled':
			return e.sampled >= residents ? 'done' : 'partial';
		case 'sampled_elsewhere':
			return 'elsewhere';
		case 'not_living':
			return 'not_living';
		case 'refused':
			return 'refused';
		case 'nobody_home':
			return 'revisit';
	}
}

/** A household nobody has recorded anything for in this round. */
export function unvisited(household: Pick<Household, 'residents'>): HouseholdStatus {
	return {
		state: 'todo',
		outcome: null,
		sampled: 0,
		residents: household.residents,
		tube: '',
		decidedBy: null,
		conflicting: [],
		standing: []
	};
}

/**
 * A household's status from a fold's map. A household the fold has not seen yet (a roster
 * row that arrived after the events were folded) is still to visit, never a crash.
 */
export function statusOf(
	statuses: ReadonlyMap<string, HouseholdStatus>,
	household: Pick<Household, 'id' | 'residents'>
): HouseholdStatus {
	return statuses.get(household.id) ?? unvisited(household);
}

/**
 * Folds one household's events for one round into its status. Pure and order-independent:
 * the result depends only on the set of events.
 */
export function foldHousehold(
	household: Pick<Household, 'id' | 'residents'>,
	events: readonly FieldEvent[],
	roundId: string
): HouseholdStatus {
	const gone = supersededIds(events);
	const standing = events
		.filter(
			(e): e is VisitEvent =>
				e.type === 'visit' && e.householdId === household.id && e.roundId === roundId && !gone.has(e.id)
		)
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	let best: VisitEvent | null = null;
	for (const e of standing) if (!best || beats(e, best)) best = e;
	if (!best) return unvisited(household);
	const decided = best;
	const residents = Math.max(household.residents, decided.residents);
	// "Nobody home" before someone else found people in is a revisit, not a disagreement.
	const conflicting = standing.filter(
		(e) =>
			e.deviceId !== decided.deviceId &&
			e.outcome !== 'nobody_home' &&
			(e.outcome !== decided.outcome || e.sampled !== decided.sampled)
	);
	return {
		state: visitState(decided, residents),
		outcome: decided.outcome,
		sampled: decided.outcome === 'sampled' ? decided.sampled : 0,
		residents,
		tube: decided.tube,
		decidedBy: decided,
		conflicting,
		standing
	};
}

/** Groups events by household once, so folding thousands of households stays linear. */
export function eventsByHousehold(events: readonly FieldEvent[]): Map<string, FieldEvent[]> {
	const map = new Map<string, FieldEvent[]>();
	for (const e of events) {
		if (e.type !== 'visit' && e.type !== 'void') continue;
		const list = map.get(e.householdId);
		if (list) list.push(e);
		else map.set(e.householdId, [e]);
	}
	return map;
}

export function foldAll(
	households: readonly Household[],
	events: readonly FieldEvent[],
	roundId: string
): Map<string, HouseholdStatus> {
	const byHousehold = eventsByHousehold(events);
	const out = new Map<string, HouseholdStatus>();
	for (const h of households) out.set(h.id, foldHousehold(h, byHousehold.get(h.id) ?? [], roundId));
	return out;
}

export type DeliveryState = 'open' | 'delivered' | 'failed';
export interface DeliveryStatus {
	state: DeliveryState;
	decidedBy: DeliveryOutcomeEvent | null;
}

/** Delivered beats failed (a failed try followed by a hand-over is a hand-over); then time. */
export function foldDelivery(orderId: string, events: readonly FieldEvent[]): DeliveryStatus {
	const gone = supersededIds(events);
	let best: DeliveryOutcomeEvent | null = null;
	for (const e of events) {
		if (e.type !== 'delivery_outcome' || e.orderId !== orderId || gone.has(e.id)) continue;
		if (
			!best ||
			(e.outcome === 'delivered' && best.outcome === 'failed') ||
			(e.outcome === best.outcome && later(e, best))
		)
			best = e;
	}
	return { state: best ? best.outcome : 'open', decidedBy: best };
}

/**
 * The visit records of a round that a void undid, each with the void (who and when), for the
 * lead's view of a household. The earliest void of a record is the one named.
 */
export function voidedVisits(events: readonly FieldEvent[], roundId: string): { record: VisitEvent; by: VoidEvent }[] {
	const by = new Map<string, VoidEvent>();
	for (const e of events) {
		if (e.type !== 'void') continue;
		for (const id of e.voids) {
			const seen = by.get(id);
			if (!seen || e.id < seen.id) by.set(id, e);
		}
	}
	const out: { record: VisitEvent; by: VoidEvent }[] = [];
	for (const e of events) {
		const v = e.type === 'visit' && e.roundId === roundId ? by.get(e.id) : undefined;
		if (v && e.type === 'visit') out.push({ record: e, by: v });
	}
	return out.sort((a, b) => (a.record.id < b.record.id ? -1 : 1));
}
