import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UnitRef } from '$lib/domain/layout';
import type { FieldEvent, Household } from '$lib/domain/schemas';
import { household, visit } from '$tests/support/events';
import { careData } from './care-data.svelte';
import { db, keyring } from './db';
import { setPin } from './vault/vault';
import { fieldData, unitData, type UnitSnapshot } from './field-data.svelte';

// The rule under test: a screen never sees households with statuses folded from another set
// of events (another unit's, or none yet read). Every value the screen could draw is recorded
// by an effect and checked, not only the last one.

const A: UnitRef = { building: '1', unit: '1' };
const B: UnitRef = { building: '1', unit: '2' };
const homes: Household[] = [
	household('a1', { ...A, room: '101', residents: 2 }),
	household('a2', { ...A, room: '102' }),
	household('b1', { ...B, room: '101' }),
	household('b2', { ...B, room: '102', residents: 1 })
];
const events: FieldEvent[] = [
	visit({ householdId: 'a1', sampled: 2, residents: 2 }),
	visit({ householdId: 'b1', outcome: 'refused', sampled: 0 })
];
/** What each household's status must be whenever it is shown, for the events above. */
const expected: Record<string, string> = { a1: 'done', a2: 'todo', b1: 'refused', b2: 'todo' };

let stop: (() => void) | undefined;
beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	await db.rounds.put({ id: 'r1', date: '2026-11-23', kind: 'sampling', active: true });
	await db.households.bulkPut(homes);
	await db.events.bulkPut(events);
});
afterEach(() => stop?.());

function checkConsistent(s: UnitSnapshot) {
	for (const h of s.households) {
		expect([h.building, h.unit], `${h.id} shown under ${s.unit.building}-${s.unit.unit}`).toEqual([
			s.unit.building,
			s.unit.unit
		]);
		expect(s.statuses.get(h.id)?.state, `status of ${h.id}`).toBe(expected[h.id]);
	}
	expect([...s.statuses.keys()].sort()).toEqual(s.households.map((h) => h.id).sort());
}

describe('unitData', () => {
	it('shows a unit only with its own events folded, and keeps the previous unit while the next is read', async () => {
		let unit = $state<UnitRef>(A);
		const seen: UnitSnapshot[] = [];
		let data!: ReturnType<typeof unitData>;
		stop = $effect.root(() => {
			data = unitData(() => unit);
			$effect(() => {
				if (data.value) seen.push(data.value);
			});
		});
		await vi.waitFor(() => expect(data.value?.unit).toEqual(A));
		expect(data.value!.households.map((h) => h.id).sort()).toEqual(['a1', 'a2']);

		unit = B;
		// Until B's households and their events are both read, the screen keeps A whole.
		expect(data.value!.unit).toEqual(A);
		await vi.waitFor(() => expect(data.value?.unit).toEqual(B));

		expect(seen.length).toBeGreaterThanOrEqual(2);
		for (const s of seen) checkConsistent(s);

		// A record on the screen's unit shows without switching units.
		const before = seen.length;
		await db.events.put(visit({ householdId: 'b2', sampled: 1, residents: 1 }));
		await vi.waitFor(() => expect(data.value?.statuses.get('b2')?.state).toBe('done'));
		for (const s of seen.slice(before)) {
			expect(s.unit).toEqual(B);
			expect(s.statuses.get('b1')?.state).toBe('refused');
		}
	});
	it('on a sealed device, opens the unit’s rows after the read in one batch, to what the one-by-one open gives, and follows a commit', async () => {
		await setPin(db, keyring, '482913', undefined, 10_000);
		// Counts the one-by-one opens (the sealing middleware's, inside a transaction); changes nothing.
		const oneByOne = vi.spyOn(keyring, 'openRow');
		try {
			let data!: ReturnType<typeof unitData>;
			stop = $effect.root(() => {
				data = unitData(() => A);
			});
			await vi.waitFor(() => expect(data.value?.unit).toEqual(A));
			expect(oneByOne.mock.calls.filter(([row]) => row && 'sealed' in row)).toEqual([]);
			oneByOne.mockRestore();
			checkConsistent(data.value!);
			const plain = await db.households.where('[building+unit]').equals(['1', '1']).toArray();
			expect(data.value!.households).toEqual(plain);
			await db.events.put(visit({ householdId: 'a2', sampled: 1, residents: 1 }));
			await vi.waitFor(() => expect(data.value?.statuses.get('a2')?.state).not.toBe('todo'));
			expect(data.value!.statuses.get('a1')?.state).toBe('done');
		} finally {
			oneByOne.mockRestore();
			keyring.reset();
		}
	});
});

describe('unitData.committed', () => {
	it("shows a committed record at once, ignores another unit's, and the next read takes over", async () => {
		let data!: ReturnType<typeof unitData>;
		stop = $effect.root(() => {
			data = unitData(() => A);
		});
		await vi.waitFor(() => expect(data.value?.unit).toEqual(A));
		const record = visit({ householdId: 'a2', sampled: 1, residents: 1 });
		const elsewhere = visit({ householdId: 'b2', sampled: 1, residents: 1 });
		// Shown from the event handed over, with no read in between (the screen hands it over
		// once record() has resolved, so after its commit).
		data.committed(elsewhere);
		data.committed(record);
		const state = data.value?.statuses.get('a2')?.state;
		expect(state).not.toBe('todo');
		expect(data.value?.statuses.get('a1')?.state).toBe('done');
		expect([...data.value!.statuses.keys()].sort()).toEqual(['a1', 'a2']);
		expect(data.value?.statuses.get('a2')?.standing).toHaveLength(1);
		// The read that holds the record answers the same, the record counted once.
		const shown = data.value;
		await db.events.bulkPut([record, elsewhere]);
		await vi.waitFor(() => expect(data.value).not.toBe(shown));
		expect(data.value?.statuses.get('a2')?.state).toBe(state);
		expect(data.value?.statuses.get('a2')?.standing).toHaveLength(1);
	});
});

describe('fieldData', () => {
	it('shows no households until their events and the round are read too', async () => {
		const seen: { ids: string[]; states: Record<string, string | undefined> }[] = [];
		let data!: ReturnType<typeof fieldData>;
		stop = $effect.root(() => {
			data = fieldData();
			$effect(() => {
				const hs = data.households;
				if (hs)
					seen.push({
						ids: hs.map((h) => h.id),
						states: Object.fromEntries(hs.map((h) => [h.id, data.statuses.get(h.id)?.state]))
					});
			});
		});
		await vi.waitFor(() => expect(data.households).toHaveLength(4));
		expect(data.round?.id).toBe('r1');
		for (const s of seen) expect(s.states).toEqual(expected);
	});

	it('on a sealed device, opens the rows after the read in one batch, to what the one-by-one open gives, and follows a commit', async () => {
		await setPin(db, keyring, '482913', undefined, 10_000);
		// Counts the one-by-one opens (the sealing middleware's, inside a transaction); changes nothing.
		const oneByOne = vi.spyOn(keyring, 'openRow');
		try {
			let data!: ReturnType<typeof fieldData>;
			// The coverage screen's care section reads the roster (and the lead's whole ledger) too.
			let care!: ReturnType<typeof careData>;
			stop = $effect.root(() => {
				data = fieldData();
				care = careData();
			});
			await vi.waitFor(() => expect(data.households).toHaveLength(4));
			await vi.waitFor(() => expect(care.households.size).toBe(4));
			await vi.waitFor(() => expect(care.states).toBeDefined());
			expect(oneByOne.mock.calls.filter(([row]) => row && 'sealed' in row)).toEqual([]);
			oneByOne.mockRestore();
			expect(data.households).toEqual(await db.households.toArray());
			expect([...care.households.values()]).toEqual(data.households);
			expect(Object.fromEntries([...data.statuses].map(([id, s]) => [id, s.state]))).toEqual(expected);
			await db.events.put(visit({ householdId: 'a2', sampled: 1, residents: 1 }));
			await vi.waitFor(() => expect(data.statuses.get('a2')?.state).not.toBe('todo'));
			await db.households.put(household('b3', { ...B, room: '103' }));
			await vi.waitFor(() => expect(data.households).toHaveLength(5));
			expect(data.households).toEqual(await db.households.toArray());
		} finally {
			oneByOne.mockRestore();
			keyring.reset();
		}
	});

	it("with the coverage screen's field and care sections both shown, reads and opens the roster once a commit, and each follows it", async () => {
		await setPin(db, keyring, '482913', undefined, 10_000);
		// Counts whole-roster reads and batch openings; changes nothing.
		const reads = vi.spyOn(db.households, 'toArray');
		const batches = vi.spyOn(keyring, 'openRows');
		let extra = 0;
		/** Batches that opened the roster (the care ledger and the events open in batches of their own). */
		const rosterBatches = () => batches.mock.calls.filter(([rows]) => rows.length === homes.length + extra).length;
		try {
			let data!: ReturnType<typeof fieldData>;
			let care!: ReturnType<typeof careData>;
			const root = $effect.root(() => {
				data = fieldData();
				care = careData();
			});
			stop = root;
			await vi.waitFor(() => expect(data.households).toHaveLength(4));
			await vi.waitFor(() => expect(care.households.size).toBe(4));
			expect(reads).toHaveBeenCalledTimes(1);
			expect(rosterBatches()).toBe(1);
			expect([...care.households.values()]).toEqual(data.households);

			extra = 1;
			await db.households.put(household('b3', { ...B, room: '103' }));
			await vi.waitFor(() => expect(data.households).toHaveLength(5));
			await vi.waitFor(() => expect(care.households.size).toBe(5));
			expect(reads).toHaveBeenCalledTimes(2);
			expect(rosterBatches()).toBe(1);

			// A section shown later gets the last answer without a read of its own.
			let later!: ReturnType<typeof careData>;
			const second = $effect.root(() => {
				later = careData();
			});
			await vi.waitFor(() => expect(later.households.size).toBe(5));
			second();
			expect(reads).toHaveBeenCalledTimes(2);

			// Once no section shows it, the read stops; the next screen reads afresh.
			root();
			stop = undefined;
			await db.households.put(household('b4', { ...B, room: '104' }));
			let next!: ReturnType<typeof fieldData>;
			stop = $effect.root(() => {
				next = fieldData();
			});
			await vi.waitFor(() => expect(next.households).toHaveLength(6));
			expect(reads).toHaveBeenCalledTimes(3);
		} finally {
			reads.mockRestore();
			batches.mockRestore();
			keyring.reset();
		}
	});
});
