import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Household } from '$lib/domain/schemas';
import { household, visit } from '$tests/support/events';
import { db, keyring } from './db';
import { saveSession, type Session } from './session';
import { setPin } from './vault/vault';
import { readCoverageSnapshot, type CoverageSnapshot } from './coverage-snapshot';
import { firstSnapshot, leadCoverage } from './lead-coverage.svelte';

// Issue 13: the coverage screen's last figures, kept sealed and drawn first on the next open,
// only for the same team and round, and replaced by the figures the live read computes.

const homes: Household[] = [
	household('a1', { building: '7', unit: '1', room: '101', residents: 2 }),
	household('a2', { building: '7', unit: '1', room: '102', residents: 3 }),
	household('b1', { building: '8', unit: '2', room: '201', residents: 1 })
];
const session = (team: string): Session => ({
	deviceId: 'lead-device',
	token: 't',
	volunteer: '王队长',
	role: 'lead',
	status: 'active',
	team: { id: team, name: team }
});

let stop: (() => void) | undefined;
beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	await saveSession(db, session('team-1'));
	await db.rounds.put({ id: 'r1', date: '2026-11-23', kind: 'sampling', active: true });
	await db.households.bulkPut(homes);
	await db.events.put(visit({ householdId: 'a1', sampled: 2, residents: 2 }));
});
afterEach(() => {
	stop?.();
	stop = undefined;
	keyring.reset();
});

/** Mounts the screen's live figures (no snapshot drawn) until the snapshot row is written. */
async function computeOnce(): Promise<CoverageSnapshot> {
	let view!: ReturnType<typeof leadCoverage>;
	stop = $effect.root(() => {
		view = leadCoverage(() => undefined);
	});
	await vi.waitFor(() => expect(view.live).toBe(true));
	let row: CoverageSnapshot | undefined;
	await vi.waitFor(async () => {
		row = await db.coverageSnapshot.get('lead');
		expect(row?.total.householdsDone).toBe(1);
	});
	stop();
	stop = undefined;
	return row!;
}

describe('coverage snapshot', () => {
	it('is written sealed: nothing but its key in clear', async () => {
		await setPin(db, keyring, '482913', undefined, 10_000);
		const row = await computeOnce();
		expect(row).toMatchObject({
			team: 'team-1',
			roundId: 'r1',
			roundDate: '2026-11-23',
			total: { households: 3, householdsDone: 1, people: 6, peopleDone: 2 },
			missing: { households: 2, people: 4 },
			buildings: [
				{ building: '7', coverage: { households: 2, householdsDone: 1 } },
				{ building: '8', coverage: { households: 1, householdsDone: 0 } }
			]
		});
		const raw = await new Dexie('doorstep').open();
		const stored = await raw.table('coverageSnapshot').toArray();
		raw.close();
		expect(stored).toHaveLength(1);
		expect(Object.keys(stored[0]).sort()).toEqual(['key', 'sealed']);
		expect(stored[0].sealed).toBeInstanceOf(Uint8Array);
		expect(JSON.stringify(stored[0])).not.toContain('team-1');
	});

	it('is drawn on the next open for the same team and round, and for no other', async () => {
		const row = await computeOnce();
		let first!: ReturnType<typeof firstSnapshot>;
		stop = $effect.root(() => {
			first = firstSnapshot();
		});
		await vi.waitFor(() => expect(first.read).toBe(true));
		expect(first.value).toEqual(row);
		stop();

		// Another round opened: the snapshot is of the last one.
		await db.rounds.bulkPut([
			{ id: 'r1', date: '2026-11-23', kind: 'sampling', active: false },
			{ id: 'r2', date: '2026-11-24', kind: 'sampling', active: true }
		]);
		expect(await readCoverageSnapshot(db)).toBeUndefined();
		stop = $effect.root(() => {
			first = firstSnapshot();
		});
		await vi.waitFor(() => expect(first.read).toBe(true));
		expect(first.value).toBeUndefined();

		// The same round, another team.
		await db.rounds.bulkPut([
			{ id: 'r1', date: '2026-11-23', kind: 'sampling', active: true },
			{ id: 'r2', date: '2026-11-24', kind: 'sampling', active: false }
		]);
		expect(await readCoverageSnapshot(db)).toEqual(row);
		await saveSession(db, session('team-2'));
		expect(await readCoverageSnapshot(db)).toBeUndefined();
	});

	it('is shown until the live read is in, then replaced by the live figure, which follows a commit', async () => {
		await setPin(db, keyring, '482913', undefined, 10_000);
		const row = await computeOnce();
		// A snapshot that no longer matches the rows (say, written before the last sync's visits).
		const stale: CoverageSnapshot = { ...row, total: { ...row.total, householdsDone: 0, peopleDone: 0 } };
		const seen: { live: boolean; done: number | undefined }[] = [];
		let view!: ReturnType<typeof leadCoverage>;
		stop = $effect.root(() => {
			view = leadCoverage(() => stale);
			$effect(() => {
				seen.push({ live: view.live, done: view.summary?.total.householdsDone });
			});
		});
		// The first value drawn: the live read's effects subscribe in the same flush, so it cannot be in yet.
		await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0));
		expect(seen[0]).toEqual({ live: false, done: 0 });
		await vi.waitFor(() => expect(view.live).toBe(true));
		expect(view.summary?.total.householdsDone).toBe(1);
		// Never the snapshot's figure once the live one was shown.
		const firstLive = seen.findIndex((s) => s.live);
		expect(seen.slice(firstLive).every((s) => s.live && s.done === 1)).toBe(true);

		await db.events.put(visit({ householdId: 'b1', sampled: 1, residents: 1 }));
		await vi.waitFor(() => expect(view.summary?.total.householdsDone).toBe(2));
		await vi.waitFor(async () => expect((await db.coverageSnapshot.get('lead'))?.total.householdsDone).toBe(2));
	});
});
