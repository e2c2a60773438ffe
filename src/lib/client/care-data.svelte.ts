import { shanghaiDay } from '$lib/domain/care/days';
import type { CareState } from '$lib/domain/care/fold';
import type { Household } from '$lib/domain/schemas';
import { readCareLedger, settleCareFold, type CareLedgerRead } from './care-fold';
import { keepCareToday, readCareToday } from './care-today';
import { db } from './db';
import { liveHouseholds } from './field-data.svelte';
import { live, liveFor } from './live.svelte';

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

/**
 * The care ledger on this device, following every commit: the persisted fold's rows (one a
 * person, kept true to the events by care-fold.ts), not a fold of every care event on each open.
 */
export function careData(
	/** Only the people paired with this device (the today list): ~200 rows, not the team's. */
	pairedWith?: () => string | undefined
): CareData {
	// The today list opens on its snapshot when it stands (care-today.ts: one box, not ~270), and
	// its live read starts once that answer is painted; with no snapshot, at once.
	let snapshot = $state.raw<{ device: string; read: CareLedgerRead | undefined } | undefined>(undefined);
	let liveFrom = $state<string | undefined>(undefined);
	$effect(() => {
		const device = pairedWith?.();
		if (!device) return;
		let frame = 0;
		let gone = false;
		void readCareToday(db, device)
			.catch(() => undefined)
			.then((read) => {
				if (gone) return;
				if (!read) return void (snapshot = { device, read });
				// Shown now; the live read once its frame is painted (a rAF runs before its frame's paint).
				// The mark tells bench/care which opens began from the snapshot.
				performance.mark('care-today:snapshot');
				snapshot = { device, read };
				frame = requestAnimationFrame(() => (frame = requestAnimationFrame(() => (liveFrom = device))));
			});
		return () => {
			gone = true;
			cancelAnimationFrame(frame);
		};
	});
	const answer = liveFor(
		() => {
			if (!pairedWith) return 'all';
			const device = pairedWith();
			if (!device || snapshot?.device !== device) return undefined;
			return snapshot.read && liveFrom !== device ? undefined : `device:${device}`;
		},
		(key) => readCareLedger(db, key === 'all' ? undefined : key.slice('device:'.length))
	);
	const shown = $derived(snapshot?.read && snapshot.device === pairedWith?.() ? snapshot.read : undefined);
	const ledger = $derived(answer.latest?.value ?? shown);
	// Each settled live answer of the today list is kept as its snapshot, once the screen is idle.
	let kept: string | null | undefined;
	$effect(() => {
		const read = answer.latest?.value;
		const device = pairedWith?.();
		if (!device || !read || read.stale || read.stamp === undefined || read.stamp === (kept ?? shown?.stamp)) return;
		const timer = setTimeout(() => {
			kept = read.stamp;
			void keepCareToday(db, device, read).catch(() => undefined);
		}, 1_000);
		return () => clearTimeout(timer);
	});
	// A household marked for a rebuild was rebuilt in memory for this answer; store it. Answers
	// re-run on every commit: settleCareFold runs one settle at a time, the rest join the next.
	$effect(() => {
		if (ledger?.stale) void settleCareFold(db).catch(() => undefined);
	});
	// The today list's households come with its rows (readCareLedger); the ledger reads the roster.
	const households = pairedWith ? undefined : liveHouseholds();
	const rounds = live(() => db.rounds.toArray());
	// A fresh map per answer, never mutated.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	const states = $derived(ledger ? new Map(ledger.rows.map((r) => [r.personId, r.state])) : undefined);
	// A fresh map per answer, never mutated: nothing to make reactive inside it.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	const byId = $derived(new Map(((households ? households.value : ledger?.households) ?? []).map((h) => [h.id, h])));
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
