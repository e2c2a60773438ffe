import type { Table } from 'dexie';
import { compareLabel, type UnitRef } from '$lib/domain/layout';
import { activeRound } from '$lib/domain/rounds';
import type { FieldEvent, Household, Round } from '$lib/domain/schemas';
import type { HouseholdStatus } from '$lib/domain/status';
import { db } from './db';
import { foldKeepingUnchanged } from './fold-cache';
import { live, liveFor, liveShared } from './live.svelte';
import { readOpened } from './vault/read-opened';

export interface FieldData {
	readonly households: Household[] | undefined;
	readonly round: Round | undefined;
	readonly statuses: Map<string, HouseholdStatus>;
}

/**
 * The rows `read` gets from one sealed table, read in one transaction and opened after it in one
 * batch (readOpened): one by one inside it, the lead's 10,000 households were most of an offline
 * reload at CPU 4×, and a unit's rows the largest share of unlock → first chip (docs/benchmarks.md,
 * issue 13). `read` may keep rows by their clear fields; the rest are opened only after it.
 */
async function openedFrom<T>(table: Table, read: () => Promise<T[]>): Promise<T[]> {
	const { rows } = await readOpened(db, [table], [table], async () => ({ rows: [await read()] }));
	return rows[0];
}

/** The households on this device, opened in one batch (openedFrom). */
export function readHouseholds(): Promise<Household[]> {
	return openedFrom(db.households, () => db.households.toArray());
}

/**
 * Every household on this device, following every commit, as one read shared by all the
 * sections on screen (the coverage screen's field and care sections each read the whole roster
 * and opened it on every commit). The array is shared: never mutate it. Call from component setup.
 */
export function liveHouseholds(): { readonly value: Household[] | undefined } {
	return liveShared('households', readHouseholds);
}

/** Visit and void events, read as two index ranges (one `getAll` each) rather than a cursor, opened as one batch. */
function visitAndVoidEvents(): Promise<FieldEvent[]> {
	return openedFrom(db.events, async () =>
		(
			await Promise.all([
				db.events.where('type').equals('visit').toArray(),
				db.events.where('type').equals('void').toArray()
			])
		).flat()
	);
}

/**
 * The households on this device and their folded statuses for the active round, following
 * every IndexedDB commit. Call from component setup. Reads the whole team's roster: screens
 * that show one unit use `unitData` instead.
 */
export function fieldData(): FieldData {
	const fold = foldKeepingUnchanged();
	const households = liveHouseholds();
	const events = live(visitAndVoidEvents);
	const rounds = live(() => db.rounds.toArray());
	const round = $derived(activeRound(rounds.value ?? []));
	const statuses = $derived(fold(households.value ?? [], events.value ?? [], round?.id ?? ''));
	return {
		// Undefined until events and rounds are read too, so no screen shows a total without them.
		get households() {
			return events.value && rounds.value ? households.value : undefined;
		},
		get round() {
			return round;
		},
		get statuses() {
			return statuses;
		}
	};
}

const unitKey = (u: UnitRef): string => `${u.building}\u0000${u.unit}`;

/**
 * The units on this device, in natural order, from the keys of the [building+unit] index alone
 * (no household is read). Undefined until the first answer. Call from component setup.
 */
export function deviceUnits(): { readonly value: UnitRef[] | undefined } {
	const keys = live(() => db.households.orderBy('[building+unit]').uniqueKeys());
	const units = $derived(
		keys.value
			?.map((k) => {
				const [building, unit] = k as unknown as [string, string];
				return { building, unit };
			})
			.sort((a, b) => compareLabel(a.building, b.building) || compareLabel(a.unit, b.unit))
	);
	return {
		get value() {
			return units;
		}
	};
}

/** What one unit's screen shows: its households, the active round and their statuses. */
export interface UnitSnapshot {
	unit: UnitRef;
	households: Household[];
	round: Round | undefined;
	statuses: Map<string, HouseholdStatus>;
}

/**
 * One unit's households (through the [building+unit] index) and only their events (through
 * the householdId index), folded for the active round and following every commit. `value` is undefined until the first
 * unit has been read; while another unit is being read it stays on the previous unit, so the
 * screen never shows one unit's heading over another's households. Call from component setup.
 */
export function unitData(unit: () => UnitRef | undefined): {
	readonly value: UnitSnapshot | undefined;
	/** Shows an event this screen recorded, once `record` has resolved (its commit). */
	committed(event: FieldEvent): void;
} {
	const fold = foldKeepingUnchanged();
	const wanted = $derived.by(() => {
		const u = unit();
		return u ? unitKey(u) : undefined;
	});
	// Both reads open their rows after the transaction in one batch (openedFrom), as fieldData's do.
	const households = liveFor(
		() => wanted,
		(key) => {
			const [building, unit] = key.split('\u0000');
			return openedFrom(db.households, () => db.households.where('[building+unit]').equals([building, unit]).toArray());
		}
	);
	const ids = $derived(households.latest?.value.map((h) => h.id).join('\n'));
	const events = liveFor(
		() => ids,
		async (key) => {
			if (key === '') return [];
			// One getAll over the householdId index from the unit's lowest id to its highest, kept
			// to the unit's households: a unit's ids usually sit together (the roster gives them
			// in order), and where they do not this reads more but still answers right. The rows
			// are kept by their clear fields (type, householdId) before any is opened.
			const sorted = key.split('\n').sort();
			return openedFrom(db.events, async () => {
				const range = await db.events
					.where('householdId')
					.between(sorted[0], sorted[sorted.length - 1], true, true)
					.toArray();
				return range.filter((e) => (e.type === 'visit' || e.type === 'void') && sorted.includes(e.householdId));
			});
		}
	);
	const rounds = live(() => db.rounds.toArray());
	const round = $derived(rounds.value && activeRound(rounds.value));
	// Events this screen has recorded, shown as soon as their transaction has committed instead
	// of when the live query's next answer arrives (a fresh read, opening and folding the unit's
	// events: ~90 ms median at CPU 4× in bench:field). Only committed events come here; the
	// answer that holds one supersedes it.
	let committed = $state.raw<FieldEvent[]>([]);

	let last: UnitSnapshot | undefined;
	const snapshot = $derived.by(() => {
		const h = households.latest;
		const e = events.latest;
		// Only a consistent answer: the events read for exactly these households.
		if (h && e && rounds.value && e.key === ids) {
			const [building, u] = h.key.split('\u0000');
			const same = last && unitKey(last.unit) === h.key;
			last = {
				unit: same ? last!.unit : { building, unit: u },
				households: h.value,
				round,
				statuses: fold(h.value, withCommitted(e.value, committed, ids), round?.id ?? '')
			};
		}
		return last;
	});
	return {
		get value() {
			return snapshot;
		},
		committed(event: FieldEvent) {
			if (event.type !== 'visit' && event.type !== 'void') return;
			const read = events.latest?.value ?? [];
			committed = [...committed.filter((e) => !read.some((r) => r.id === e.id)), event];
		}
	};
}

/** The events read, plus those recorded since that the read does not hold yet (this unit's only). */
function withCommitted(read: FieldEvent[], committed: FieldEvent[], ids: string | undefined): FieldEvent[] {
	if (committed.length === 0) return read;
	const have = new Set(read.map((e) => e.id));
	const households = new Set(ids?.split('\n'));
	const extra = committed.filter((e) => !have.has(e.id) && 'householdId' in e && households.has(e.householdId));
	return extra.length ? read.concat(extra) : read;
}
