import { shanghaiDay } from '$lib/domain/care/days';
import { foldCare, type CareState } from '$lib/domain/care/fold';
import type { Household } from '$lib/domain/schemas';
import { db } from './db';
import { live } from './live.svelte';

const CARE_TYPES = ['care_person', 'care_correct', 'care_pair', 'care_plan', 'care_check'];

/** The Shanghai day now, following the clock (checked each minute, so midnight turns the list). */
export function today(): { readonly value: string } {
	let day = $state(shanghaiDay(Date.now()));
	$effect(() => {
		const timer = setInterval(() => (day = shanghaiDay(Date.now())), 60_000);
		return () => clearInterval(timer);
	});
	return {
		get value() {
			return day;
		}
	};
}

export interface CareData {
	/** Undefined until the first read. */
	readonly states: Map<string, CareState> | undefined;
	readonly households: Map<string, Household>;
	/** Every sampling round's day, for the eve-of-sampling reminder. */
	readonly roundDays: string[];
}

/** The care ledger on this device, folded from its care events, following every commit. */
export function careData(): CareData {
	const events = live(() => db.events.where('type').anyOf(CARE_TYPES).toArray());
	const households = live(() => db.households.toArray());
	const rounds = live(() => db.rounds.toArray());
	const states = $derived(events.value ? foldCare(events.value) : undefined);
	// A fresh map per answer, never mutated: nothing to make reactive inside it.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	const byId = $derived(new Map((households.value ?? []).map((h) => [h.id, h])));
	const roundDays = $derived((rounds.value ?? []).map((r) => r.date));
	return {
		get states() {
			return states;
		},
		get households() {
			return byId;
		},
		get roundDays() {
			return roundDays;
		}
	};
}
