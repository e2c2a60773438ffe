import type { Need } from '$lib/domain/needs/fold';
import { byId } from '$lib/domain/needs/search';
import type { Household } from '$lib/domain/schemas';
import { db } from './db';
import { live } from './live.svelte';
import { readNeeds } from './needs-read';
import { readOpenNeeds, rememberSettled } from './needs-open-read';

export interface NeedsData {
	/** Undefined until the first read; then every request on this device, old orders included. */
	readonly needs: Need[] | undefined;
	readonly households: ReadonlyMap<string, Household>;
}

/**
 * Every request on this device, folded from IndexedDB and following every commit: works
 * offline from the last sync. Call from component setup.
 */
export function needsData(): NeedsData {
	const needs = live(() => readNeeds(db));
	const households = live(() => db.households.toArray());
	const index = $derived(byId(households.value ?? []));
	return {
		get needs() {
			return needs.value;
		},
		get households() {
			return index;
		}
	};
}

/**
 * The lead board's requests: the open ones and those not yet known to be settled, read without
 * unsealing settled requests' events (needs-open-read.ts); the settled ones found on the way
 * are remembered for the next read. Call from component setup.
 */
export function openNeedsData(): NeedsData {
	const read = live(() => readOpenNeeds(db));
	const households = live(() => db.households.toArray());
	const index = $derived(byId(households.value ?? []));
	$effect(() => {
		const settled = read.value?.settled;
		if (settled?.length) void rememberSettled(db, settled);
	});
	return {
		get needs() {
			return read.value?.needs;
		},
		get households() {
			return index;
		}
	};
}
