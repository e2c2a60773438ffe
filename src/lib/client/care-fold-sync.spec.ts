import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { foldCare } from '$lib/domain/care/fold';
import { authenticate, enrol, type DeviceAuth } from '$lib/server/auth';
import { migrate } from '$lib/server/db/migrate';
import { SqliteDb } from '$lib/server/db/sqlite';
import { pushEvents } from '$lib/server/push';
import { DEMO_TEAM } from '$lib/server/demo';
import { DEMO, seedDemo } from '$lib/server/testing/fixtures';
import { syncFetch } from '$lib/server/testing/sync-fetch';
import { PERSON } from '$tests/support/care';
import { readCareLedger, settleCareFold } from './care-fold';
import { openDoorstepDb, type DoorstepDb } from './db';
import type { Session } from './session';
import { pullChanges } from './sync';

/**
 * The care fold through a pull (issue 13/11: a lead's first sync of a large team hung), the
 * client's sync code against the real server store with only HTTP replaced by a direct call.
 * Before each pull request — so after every page the device has committed — the device's fold
 * is looked at: a pull must leave no household waiting for a rebuild behind any page.
 */
let server: SqliteDb;
const PAGE = 50;
/** Called before each pull request is answered. */
let beforePull: () => Promise<void> = async () => {};

beforeEach(async () => {
	server = new SqliteDb(':memory:');
	await migrate(server);
	await seedDemo(server);
	beforePull = async () => {};
	vi.stubGlobal(
		'fetch',
		syncFetch(() => server, { page: PAGE, beforePull: () => beforePull() })
	);
});
afterEach(async () => {
	vi.unstubAllGlobals();
	await server.close();
});

async function enrolled(code: string, name: string): Promise<{ session: Session; auth: DeviceAuth }> {
	const e = await enrol(server, code, name);
	if (!e) throw new Error('enrol failed');
	return { session: { ...e, volunteer: name }, auth: (await authenticate(server, `Bearer ${e.token}`))! };
}

let seq = 0;
/**
 * `perHousehold` people in each of the first `households` households, sent in rounds (one
 * person a household each round), so every household's people arrive on different pages.
 */
async function people(by: { auth: DeviceAuth; session: Session }, households: number, perHousehold: number) {
	const ids = (
		await server.all<{ id: string }>('SELECT id FROM households WHERE team_id = ? ORDER BY id', [DEMO_TEAM.id])
	).slice(0, households);
	expect(ids).toHaveLength(households);
	const events = [];
	for (let k = 0; k < perHousehold; k++) {
		for (const { id } of ids) {
			seq++;
			events.push({
				id: `care-${String(seq).padStart(5, '0')}`,
				v: 1,
				deviceId: by.session.deviceId,
				volunteer: by.session.volunteer,
				at: new Date(Date.parse('2026-11-20T00:00:00Z') + seq * 1000).toISOString(),
				type: 'care_person',
				personId: `person-${seq}`,
				householdId: id,
				person: PERSON
			});
		}
	}
	const results = await pushEvents(server, by.auth, events, events.length);
	expect(results.filter((r) => r.status !== 'accepted')).toEqual([]);
	return events.length;
}

/** What the device's fold holds now: households waiting for a rebuild, and whose rows it has. */
async function foldState(db: DoorstepDb) {
	const persons = await db.events.where('type').equals('care_person').toArray();
	return {
		dirty: (await db.careDirty.toCollection().primaryKeys()) as string[],
		missing: persons.filter((p) => p.type === 'care_person').length - (await db.careFold.count()),
		people: persons.length
	};
}

describe('the care fold through a pull', () => {
	it('a first sync settles the fold page by page: no page leaves a household waiting for a rebuild', async () => {
		const lead = await enrolled(DEMO.leadCode, '组长');
		const sent = await people(lead, 40, 4);
		const { session } = await enrolled(DEMO.leadCode, '组长二');
		const db = openDoorstepDb(`care-sync-${Math.random()}`);
		const seen: Awaited<ReturnType<typeof foldState>>[] = [];
		let pulls = 0;
		beforePull = async () => {
			// Before the first page, the lead's screen settles an empty fold (its first read), as
			// on the device that hung; each later request comes after a page committed.
			if (pulls++ === 0) await settleCareFold(db);
			else seen.push(await foldState(db));
		};
		await pullChanges(db, session);
		seen.push(await foldState(db));

		// Several pages brought people, on different pages for the same household.
		expect(seen.length).toBeGreaterThan(3);
		expect(seen.filter((s) => s.people > 0).length).toBeGreaterThan(2);
		expect(seen.at(-1)?.people).toBe(sent);
		for (const s of seen) expect(s).toEqual({ dirty: [], missing: 0, people: s.people });
		// And the stored rows are the fold of the events.
		const { rows, stale } = await readCareLedger(db);
		expect(stale).toBe(false);
		expect(new Map(rows.map((r) => [r.personId, r.state]))).toEqual(foldCare(await db.events.toArray()));
	});

	it('a full resync swaps in a settled fold', async () => {
		const lead = await enrolled(DEMO.leadCode, '组长');
		await people(lead, 30, 2);
		const { session } = await enrolled(DEMO.leadCode, '组长二');
		const db = openDoorstepDb(`care-resync-${Math.random()}`);
		await pullChanges(db, session);
		await settleCareFold(db);
		// More people while the device's cursor points beyond the store: the store answers "resync".
		const sent = await people(lead, 30, 2);
		await db.meta.put({ key: 'cursor', value: 1_000_000 });
		await pullChanges(db, session);
		expect(await foldState(db)).toEqual({ dirty: [], missing: 0, people: 2 * sent });
		const { rows } = await readCareLedger(db);
		expect(new Map(rows.map((r) => [r.personId, r.state]))).toEqual(foldCare(await db.events.toArray()));
	});
});
