import type { Urgency } from '../constants';
import type { FieldEvent, NeedEvent } from '../schemas';
import { effectiveTime } from '../status';
import type { Feedback, NeedChannel, NeedKind, NotDoneReason } from './kinds';

type Created = Extract<NeedEvent, { type: 'need_created' }>;
type Done = Extract<NeedEvent, { type: 'need_done' }>;

/**
 * new: taken, waiting in the lead's triage; pool: any volunteer may claim it; held: a named
 * volunteer has it (assigned or claimed); on_the_way; done; not_done: back with the lead to
 * re-dispatch; cancelled by the lead.
 */
export type NeedState = 'new' | 'pool' | 'held' | 'on_the_way' | 'done' | 'not_done' | 'cancelled';
export const OPEN_STATES: readonly NeedState[] = ['new', 'pool', 'held', 'on_the_way', 'not_done'];

export interface Holder {
	deviceId: string;
	name: string;
	how: 'assigned' | 'claimed';
}

/** What a request is now, folded from its events: the same on every device and the server. */
export interface Need {
	id: string;
	householdId: string;
	kind: NeedKind;
	items: string[];
	urgency: Urgency;
	channel: NeedChannel;
	note: string;
	/** The door, for a device that does not hold the household (outside its area). */
	place: { building: string; unit: string; room: string } | null;
	state: NeedState;
	holder: Holder | null;
	/** Taken by (the desk, the volunteer at the door). */
	takenBy: string;
	/** Times as ISO strings; each the first time it happened. Asked is unknown (null) only for
	 * a delivery order the lead typed in before the needs desk. */
	askedAt: string | null;
	dispatchedAt: string | null;
	/** When a named volunteer first had it (assigned or claimed): "time to accept". */
	acceptedAt: string | null;
	onTheWayAt: string | null;
	closedAt: string | null;
	done: {
		items: string[];
		collectedFen: number;
		feedback: Feedback | null;
		note: string;
		by: string;
		/** photos (issues 10, 12): the receipt's photo, when one was taken. */
		photoId?: string;
	} | null;
	notDone: { reason: NotDoneReason; note: string; by: string } | null;
	escalated: boolean;
	/** Claims that came too late: who claimed, and who had it already ("已由 X 接单"). */
	lostClaims: { deviceId: string; name: string; heldBy: string | null }[];
	/** Steps recorded by someone who did not hold it then: kept as facts, not counted. */
	overruled: NeedEvent[];
	/** Set for a delivery order from before the needs desk (see legacy.ts). */
	legacy?: boolean;
}

/**
 * The order events are applied in: the order the server received them (ties by id), and an
 * event not yet received after every received one (a device's own unsent records, in id
 * order — ids are time-ordered UUIDv7). Once synced, every device holds every event with the
 * server's `receivedAt`, so every device applies them in the server's order.
 *
 * Why receipt order and not the device's clock: two volunteers offline both claim one pool
 * request; whoever's claim reaches the server first has it (a clock can be wrong, and the
 * server is the one place both claims meet). The one who syncs later is told "已由 X 接单".
 * A device time is still shown (capped, effectiveTime), never used to decide.
 */
export function applyOrder(a: FieldEvent, b: FieldEvent): number {
	const ra = a.receivedAt ?? '\uffff';
	const rb = b.receivedAt ?? '\uffff';
	if (ra !== rb) return ra < rb ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const iso = (e: FieldEvent): string => new Date(effectiveTime(e)).toISOString();

function created(e: Created): Need {
	return {
		id: e.needId,
		householdId: e.householdId,
		kind: e.kind,
		items: e.items,
		urgency: e.urgency,
		channel: e.channel,
		note: e.note,
		place: e.place,
		state: 'new',
		holder: null,
		takenBy: e.volunteer,
		askedAt: e.askedAt,
		dispatchedAt: null,
		acceptedAt: null,
		onTheWayAt: null,
		closedAt: null,
		done: null,
		notDone: null,
		escalated: false,
		lostClaims: [],
		overruled: []
	};
}

const closed = (n: Need): boolean => n.state === 'done' || n.state === 'cancelled';
const holds = (n: Need, e: FieldEvent): boolean => n.holder?.deviceId === e.deviceId;

/** Applies one later event to a need (mutating it); the rules of the lifecycle live here. */
function apply(n: Need, e: NeedEvent): void {
	const at = iso(e);
	switch (e.type) {
		case 'need_created':
			return;
		case 'need_dispatched':
			// Re-dispatch is allowed from any open state; a closed request stays closed.
			if (closed(n)) return void n.overruled.push(e);
			n.dispatchedAt ??= at;
			n.holder = e.to && { deviceId: e.to.deviceId, name: e.to.name, how: 'assigned' };
			n.state = e.to ? 'held' : 'pool';
			if (e.to) n.acceptedAt ??= at;
			n.notDone = null;
			return;
		case 'need_claimed':
			if (n.state === 'pool') {
				n.holder = { deviceId: e.deviceId, name: e.volunteer, how: 'claimed' };
				n.state = 'held';
				n.acceptedAt ??= at;
			} else if (!holds(n, e)) {
				n.lostClaims.push({ deviceId: e.deviceId, name: e.volunteer, heldBy: n.holder?.name ?? null });
			}
			return;
		case 'need_on_the_way':
			if (!holds(n, e) || n.state !== 'held') return void n.overruled.push(e);
			n.state = 'on_the_way';
			n.onTheWayAt ??= at;
			return;
		case 'need_done':
			if (!holds(n, e) || closed(n)) return void n.overruled.push(e);
			n.state = 'done';
			n.closedAt = at;
			n.done = doneOf(e);
			return;
		case 'need_not_done':
			if (!holds(n, e) || closed(n)) return void n.overruled.push(e);
			n.state = 'not_done';
			n.holder = null;
			n.notDone = { reason: e.reason, note: e.note, by: e.volunteer };
			return;
		case 'need_cancelled':
			if (closed(n)) return void n.overruled.push(e);
			n.state = 'cancelled';
			n.holder = null;
			n.closedAt = at;
			return;
		case 'need_escalated':
			if (!closed(n)) n.escalated = true;
			return;
	}
}

const doneOf = (e: Done): Need['done'] => ({
	items: e.items,
	collectedFen: e.collectedFen,
	feedback: e.feedback,
	note: e.note,
	by: e.volunteer,
	...(e.photoId && { photoId: e.photoId })
});

const isNeedEvent = (e: FieldEvent): e is NeedEvent => e.type.startsWith('need_');

/**
 * Folds every request in `events` (other event types are skipped). Pure, and depends only on
 * the set of events: any order in, the same needs out. A request whose creation is not among
 * them (not pulled yet) is left out rather than shown half.
 */
export function foldNeeds(events: readonly FieldEvent[]): Map<string, Need> {
	const byNeed = new Map<string, NeedEvent[]>();
	for (const e of events) {
		if (!isNeedEvent(e)) continue;
		const list = byNeed.get(e.needId);
		if (list) list.push(e);
		else byNeed.set(e.needId, [e]);
	}
	const out = new Map<string, Need>();
	for (const [id, list] of [...byNeed].sort(([a], [b]) => (a < b ? -1 : 1))) {
		const need = foldNeed(list);
		if (need) out.set(id, need);
	}
	return out;
}

/** One request from its own events (any order); null without its creation. */
export function foldNeed(events: readonly NeedEvent[]): Need | null {
	const sorted = [...events].sort(applyOrder);
	// The creation comes first whatever its receipt time: two pushes within one millisecond
	// could put a claim's id before it. The server refuses a second creation of one id.
	const first = sorted.find((e): e is Created => e.type === 'need_created');
	if (!first) return null;
	const need = created(first);
	for (const e of sorted) if (e !== first) apply(need, e);
	return need;
}
