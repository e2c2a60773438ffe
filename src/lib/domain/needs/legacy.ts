import type { DeliveryOrder, FieldEvent } from '../schemas';
import { effectiveTime, foldDelivery } from '../status';
import type { NeedKind } from './kinds';
import type { Need } from './fold';

/**
 * Delivery orders from before the needs desk are not rewritten: their `delivery_request` and
 * `delivery_outcome` events stay valid, stay in both stores as they were recorded, and are read
 * here as requests of the matching kind. A migration that turned them into new events would
 * rewrite facts (the architecture forbids it) and would have to run in step on the server and
 * on every device with unsent outcomes; reading them costs one function and loses nothing.
 *
 * Kind: medicine urgency → 买药, infant → 婴幼儿用品, 代购 (purchase) → 代购, else 其他.
 * State: an open order is in the pool (any volunteer of the area delivers it, as before);
 * delivered → done (money collected kept), failed → not done (its reason kept).
 */
export function legacyKind(order: DeliveryOrder): NeedKind {
	if (order.urgency === 'medicine') return 'medicine';
	if (order.urgency === 'infant') return 'infant';
	return order.purchase ? 'shopping' : 'other';
}

const REASON = { nobody_home: 'nobody_home', wrong_items: 'unavailable', refused: 'refused', other: 'other' } as const;

export function legacyNeed(order: DeliveryOrder, events: readonly FieldEvent[]): Need {
	const request = events.find((e) => e.type === 'delivery_request' && e.order.id === order.id);
	const status = foldDelivery(order.id, events);
	const outcome = status.decidedBy;
	const closedAt = outcome ? new Date(effectiveTime(outcome)).toISOString() : null;
	return {
		id: order.id,
		householdId: order.householdId,
		kind: legacyKind(order),
		items: order.items,
		urgency: order.urgency,
		channel: 'door',
		note: order.note,
		place: null,
		state: status.state === 'open' ? 'pool' : status.state === 'delivered' ? 'done' : 'not_done',
		holder: null,
		takenBy: request?.volunteer ?? '',
		askedAt: request ? new Date(effectiveTime(request)).toISOString() : null,
		dispatchedAt: null,
		acceptedAt: null,
		onTheWayAt: null,
		closedAt,
		done:
			outcome?.outcome === 'delivered'
				? {
						items: order.items,
						collectedFen: outcome.collectedFen,
						feedback: null,
						note: outcome.note,
						by: outcome.volunteer
					}
				: null,
		notDone:
			outcome?.outcome === 'failed'
				? { reason: REASON[outcome.reason ?? 'other'], note: outcome.note, by: outcome.volunteer }
				: null,
		escalated: false,
		lostClaims: [],
		overruled: [],
		legacy: true
	};
}

/** Every request a device or the server knows: the needs desk's own and the old orders. */
export function allNeeds(
	orders: readonly DeliveryOrder[],
	needs: ReadonlyMap<string, Need>,
	events: readonly FieldEvent[]
): Need[] {
	const out = [...needs.values()];
	for (const o of orders) if (!needs.has(o.id)) out.push(legacyNeed(o, events));
	return out;
}
