import { activeRound } from '$lib/domain/rounds';
import type { Household, Round } from '$lib/domain/schemas';
import { foldAll, type HouseholdStatus } from '$lib/domain/status';
import { db } from './db';
import { live } from './live.svelte';

export interface FieldData {
	readonly households: Household[] | undefined;
	readonly round: Round | undefined;
	readonly statuses: Map<string, HouseholdStatus>;
}

/**
 * The households on this device and their folded statuses for the active round, following
 * every IndexedDB commit. Call from component setup.
 */
export function fieldData(): FieldData {
	const households = live(() => db.households.toArray());
	const events = live(() => db.events.where('type').anyOf('visit', 'void').toArray());
	const rounds = live(() => db.rounds.toArray());
	const round = $derived(activeRound(rounds.value ?? []));
	const statuses = $derived(foldAll(households.value ?? [], events.value ?? [], round?.id ?? ''));
	return {
		get households() {
			return households.value;
		},
		get round() {
			return round;
		},
		get statuses() {
			return statuses;
		}
	};
}
