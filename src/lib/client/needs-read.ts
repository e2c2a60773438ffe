import { NEED_EVENT_TYPES } from '$lib/domain/needs/events';
import { foldNeeds, type Need } from '$lib/domain/needs/fold';
import { allNeeds } from '$lib/domain/needs/legacy';
import type { DoorstepDb } from './db';

/**
 * Every request on this device, from IndexedDB as it is: the needs desk's events, and the
 * delivery orders and outcomes recorded before it, read as requests (see domain/needs/legacy).
 * No Dexie version step was needed: old rows stay as they were and are read this way.
 */
export async function readNeeds(db: DoorstepDb): Promise<Need[]> {
	const types = [...NEED_EVENT_TYPES, 'delivery_request', 'delivery_outcome', 'void'];
	const [events, orders] = await Promise.all([db.events.where('type').anyOf(types).toArray(), db.orders.toArray()]);
	return allNeeds(orders, foldNeeds(events), events);
}
