import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CareState } from '$lib/domain/care/fold';
import { care } from '$tests/support/care';
import { household } from '$tests/support/events';
import { careData } from './care-data.svelte';
import { readCareLedger, settleCareFold } from './care-fold';
import { keepCareToday, readCareToday } from './care-today';
import { db, keyring } from './db';
import { setPin } from './vault/vault';

const HOUR = 3_600_000;
const iso = (h: number) => new Date(Date.parse('2026-11-20T00:00:00Z') + h * HOUR).toISOString();
const misses = (states: Map<string, CareState> | undefined) => (states?.get('p1') as { misses?: number })?.misses;

let stop: (() => void) | undefined;
beforeEach(async () => {
	// No DOM here: the frame the snapshot's answer waits for is a task.
	vi.stubGlobal('requestAnimationFrame', (f: () => void) => setTimeout(f, 0));
	vi.stubGlobal('cancelAnimationFrame', (t: ReturnType<typeof setTimeout>) => clearTimeout(t));
	performance.clearMarks();
	await Promise.all(db.tables.map((t) => t.clear()));
	await setPin(db, keyring, '482913', undefined, 10_000);
	await db.households.put(household('h1'));
	await db.events.bulkPut([care.person(iso(0)), care.plan(iso(1)), care.pair(iso(1), 'd1')]);
	await settleCareFold(db);
});
afterEach(() => {
	stop?.();
	keyring.reset();
	vi.unstubAllGlobals();
});

/** careData for the phone d1, every `states` it hands out recorded. */
function open() {
	const seen: (number | undefined)[] = [];
	let data!: ReturnType<typeof careData>;
	stop = $effect.root(() => {
		data = careData(() => 'd1');
		$effect(() => {
			if (data.states) seen.push(misses(data.states));
		});
	});
	return { data: () => data, seen };
}

describe("careData, the today list's snapshot", () => {
	it('a commit after the snapshot was kept is shown from the first answer: the snapshot is not', async () => {
		expect(await keepCareToday(db, 'd1', await readCareLedger(db, 'd1'))).toBe(true);
		await db.events.put(care.check(iso(2), 'no_answer'));
		const { data, seen } = open();
		await vi.waitFor(() => expect(misses(data().states)).toBe(1));
		expect(seen.every((m) => m === 1)).toBe(true);
		expect(performance.getEntriesByName('care-today:snapshot')).toHaveLength(0);
	});

	it('opens on a standing snapshot, then follows every commit through the live read, and keeps the new state', async () => {
		expect(await keepCareToday(db, 'd1', await readCareLedger(db, 'd1'))).toBe(true);
		const { data, seen } = open();
		await vi.waitFor(() => expect(data().states?.has('p1')).toBe(true));
		expect(performance.getEntriesByName('care-today:snapshot')).toHaveLength(1);
		expect(data().households.has('h1')).toBe(true);
		await db.events.put(care.check(iso(2), 'no_answer'));
		await vi.waitFor(() => expect(misses(data().states)).toBe(1));
		expect(seen.at(-1)).toBe(1);
		// Once the screen is idle, the answer that stands is kept as the next open's snapshot.
		await vi.waitFor(
			async () => {
				const kept = await readCareToday(db, 'd1');
				expect(kept?.rows.find((r) => r.personId === 'p1')?.state).toMatchObject({ misses: 1 });
			},
			{ timeout: 4000 }
		);
	});
});
