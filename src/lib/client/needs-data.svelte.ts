import { NEED_EVENT_TYPES } from '$lib/domain/needs/events';
import { foldNeeds, type Need } from '$lib/domain/needs/fold';
import { allNeeds } from '$lib/domain/needs/legacy';
import { byId } from '$lib/domain/needs/search';
import type { Household } from '$lib/domain/schemas';
import { db } from './db';
import { live } from './live.svelte';

export interface NeedsData {
	/** Undefined until the first read; then every request on this device, old orders included. */
	readonly needs: Need[] | undefined;
	readonly households: ReadonlyMap<string, Household>;
}

/**
 * Every request on this device (the needs desk's own and the delivery orders from before it),
 * folded from IndexedDB and following every commit: works offline from the last sync. Call
 * from component setup.
 */
export function needsData(): NeedsData {
	const events = live(() =>
		db.events
			.where('type')
			.anyOf([...NEED_EVENT_TYPES, 'delivery_request', 'delivery_outcome', 'void'])
			.toArray()
	);
	const orders = live(() => db.orders.toArray());
	const households = live(() => db.households.toArray());
	const needs = $derived(
		events.value && orders.value ? allNeeds(orders.value, foldNeeds(events.value), events.value) : undefined
	);
	const households_ = $derived(byId(households.value ?? []));
	return {
		get needs() {
			return needs;
		},
		get households() {
			return households_;
		}
	};
}
