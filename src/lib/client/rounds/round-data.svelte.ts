import type { UnitRef } from '$lib/domain/layout';
import { activeRounds } from '$lib/domain/rounds/select';
import type { FieldEvent, Household, Round } from '$lib/domain/schemas';
import { db } from '../db';
import { live, liveFor } from '../live.svelte';

/** The active rounds on this device, newest first, following every commit. Call from setup. */
export function liveActiveRounds(): { readonly value: Round[] | undefined } {
	const rounds = live(() => db.rounds.toArray());
	const active = $derived(rounds.value && activeRounds(rounds.value));
	return {
		get value() {
			return active;
		}
	};
}

/** One unit's households and every record of the round kinds about it (its households' and its areas'). */
export interface RoundUnit {
	key: string;
	households: Household[];
	events: FieldEvent[];
}

const HOUSEHOLD_TYPES = new Set(['distribution', 'survey_answer', 'void']);

async function readUnit(key: string): Promise<RoundUnit> {
	const [building, unit] = key.split('\u0000');
	const households = await db.households.where('[building+unit]').equals([building, unit]).toArray();
	const ids = new Set(households.map((h) => h.id));
	const sorted = [...ids].sort();
	const [byHousehold, byArea] = await Promise.all([
		sorted.length
			? db.events
					.where('householdId')
					.between(sorted[0], sorted[sorted.length - 1], true, true)
					.toArray()
			: Promise.resolve([] as FieldEvent[]),
		db.events.where('type').anyOf('disinfection', 'disinfection_void').toArray()
	]);
	const events = byHousehold
		.filter((e) => HOUSEHOLD_TYPES.has(e.type) && 'householdId' in e && ids.has(e.householdId))
		.concat(byArea.filter((e) => 'building' in e && e.building === building && e.unit === unit));
	return { key, households, events };
}

/** The unit's households and records, following every commit; the previous unit until the next is read. */
export function roundUnitData(unit: () => UnitRef | undefined): { readonly value: RoundUnit | undefined } {
	const data = liveFor(() => {
		const u = unit();
		return u ? `${u.building}\u0000${u.unit}` : undefined;
	}, readUnit);
	return {
		get value() {
			return data.latest?.value;
		}
	};
}
