import type { Need } from '$lib/domain/needs/fold';
import { byId } from '$lib/domain/needs/search';
import type { Household } from '$lib/domain/schemas';
import { db } from './db';
import { live } from './live.svelte';
import { liveHouseholds } from './field-data.svelte';
import { readNeeds } from './needs-read';
import { readOpenNeeds, rememberSettled } from './needs-open-read';

export interface NeedsData {
	/** Undefined until the first read; then every request on this device, old orders included. */
	readonly needs: Need[] | undefined;
	/** The door of each request: the team's households and the foreign doors passed here. */
	readonly households: ReadonlyMap<string, Household>;
	/** The team's own roster only (the desk's search): foreign doors are no household of the team. */
	readonly roster: Household[];
}

/** The team's households, and apart, the foreign doors whose requests were passed here. */
function doors() {
	const roster = liveHouseholds();
	const foreign = live(() => db.foreignDoors.toArray());
	const index = $derived(byId([...(roster.value ?? []), ...(foreign.value ?? [])]));
	return {
		get households() {
			return index;
		},
		get roster() {
			return roster.value ?? [];
		}
	};
}

/**
 * Every request on this device, folded from IndexedDB and following every commit: works
 * offline from the last sync. Call from component setup.
 */
export function needsData(): NeedsData {
	const needs = live(() => readNeeds(db));
	const d = doors();
	return {
		get needs() {
			return needs.value;
		},
		get households() {
			return d.households;
		},
		get roster() {
			return d.roster;
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
	const d = doors();
	$effect(() => {
		const settled = read.value?.settled;
		if (settled?.length) void rememberSettled(db, settled);
	});
	return {
		get needs() {
			return read.value?.needs;
		},
		get households() {
			return d.households;
		},
		get roster() {
			return d.roster;
		}
	};
}
