import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { foldAll } from '$lib/domain/status';
import { authenticate, enrol } from '$lib/server/auth';
import { SqliteDb } from '$lib/server/db/sqlite';
import { migrate } from '$lib/server/db/migrate';
import { assign, unassign } from '$lib/server/assignments';
import { importRoster } from '$lib/server/roster';
import { nextSeq } from '$lib/server/seq';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupSqlite, restoreSqlite } from '../../../scripts/backup.js';
import { openDoorstepDb, type DoorstepDb } from './db';
import { record, type EventFields } from './record';
import { signOut, UnsentEventsError, type Session } from './session';
import { pullChanges, syncOnce } from './sync';
import { DEMO, seedDemo } from '$lib/server/testing/fixtures';
import { syncFetch } from '$lib/server/testing/sync-fetch';
import { DEMO_TEAM } from '$lib/server/demo';

/**
 * The client's sync code against the real server store (SQLite in memory), with only HTTP
 * replaced by a direct call, so faults can be injected exactly where a network drops.
 */
let server: SqliteDb;
let fault: 'none' | 'offline' | 'lose-response' | 'http-500' = 'none';
/** How many more pulls succeed before the connection drops; null: no limit. */
let pullsLeft: number | null = null;

const fakeFetch = syncFetch(() => server, {
	before: () => {
		if (fault === 'offline') throw new TypeError('Failed to fetch');
		if (fault === 'http-500') return Response.json({ error: 'server error, try again' }, { status: 500 });
		return null;
	},
	afterPush: () => {
		if (fault === 'lose-response') throw new TypeError('connection reset');
	},
	beforePull: async () => {
		if (pullsLeft !== null && pullsLeft-- <= 0) throw new TypeError('Failed to fetch');
	}
});

async function device(name: string): Promise<{ db: DoorstepDb; session: Session }> {
	const e = await enrol(server, DEMO.volunteerCode, name);
	if (!e) throw new Error('enrol failed');
	const db = openDoorstepDb(`test-${name}-${Math.random()}`);
	const session: Session = { ...e, volunteer: name };
	await pullChanges(db, session);
	return { db, session };
}

const visit = (householdId: string, roundId: string): EventFields & { type: 'visit' } => ({
	type: 'visit',
	householdId,
	roundId,
	outcome: 'sampled',
	sampled: 1,
	residents: 1,
	tube: 'T1',
	note: '',
	replaces: []
});

async function roundOf(db: DoorstepDb): Promise<string> {
	return (await db.rounds.toArray())[0].id;
}

const serverCount = async () => (await server.get<{ n: number }>('SELECT COUNT(*) AS n FROM events'))!.n;

beforeEach(async () => {
	server = new SqliteDb(':memory:');
	await migrate(server);
	await seedDemo(server);
	fault = 'none';
	pullsLeft = null;
	vi.stubGlobal('fetch', fakeFetch);
});
afterEach(async () => {
	vi.unstubAllGlobals();
	await server.close();
});

describe('record', () => {
	it('writes the event and its outbox row together', async () => {
		const { db, session } = await device('A');
		const e = await record(db, session, visit('demo-1-1-101', await roundOf(db)));
		expect(await db.events.get(e.id)).toEqual(e);
		expect(await db.outbox.get(e.id)).toEqual({ id: e.id, tries: 0, queuedAt: e.at });
	});

	it('refuses an invalid event and writes nothing', async () => {
		const { db, session } = await device('A');
		await expect(record(db, session, { ...visit('demo-1-1-101', await roundOf(db)), sampled: 5 })).rejects.toThrow(
			/sampled/
		);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.events.count()).toBe(0);
	});
});

describe('syncOnce', () => {
	it('drains the outbox, stores each event once, and another device folds the same status', async () => {
		const a = await device('A');
		const round = await roundOf(a.db);
		for (const id of ['demo-1-1-101', 'demo-1-1-102', 'demo-1-1-201']) await record(a.db, a.session, visit(id, round));
		await syncOnce(a.db, a.session);
		expect(await a.db.outbox.count()).toBe(0);
		expect(await serverCount()).toBe(3);
		const b = await device('B');
		const households = await b.db.households.toArray();
		expect(foldAll(households, await b.db.events.toArray(), round)).toEqual(
			foldAll(households, await a.db.events.toArray(), round)
		);
	});

	it('keeps every event when the connection is down or the server fails', async () => {
		const a = await device('A');
		await record(a.db, a.session, visit('demo-1-1-101', await roundOf(a.db)));
		for (const f of ['offline', 'http-500'] as const) {
			fault = f;
			await expect(syncOnce(a.db, a.session)).rejects.toThrow();
			expect(await a.db.outbox.count()).toBe(1);
		}
		expect(await serverCount()).toBe(0);
	});

	it('does not duplicate when the answer to a push is lost and the push is retried', async () => {
		const a = await device('A');
		await record(a.db, a.session, visit('demo-1-1-101', await roundOf(a.db)));
		fault = 'lose-response';
		await expect(syncOnce(a.db, a.session)).rejects.toThrow();
		expect(await a.db.outbox.count()).toBe(1);
		fault = 'none';
		await syncOnce(a.db, a.session);
		expect(await a.db.outbox.count()).toBe(0);
		expect(await serverCount()).toBe(1);
	});

	it('moves a refused event aside with its reason and still delivers the rest', async () => {
		const a = await device('A');
		const round = await roundOf(a.db);
		const bad = await record(a.db, a.session, visit('no-such-household', round));
		const good = await record(a.db, a.session, visit('demo-1-1-101', round));
		await syncOnce(a.db, a.session);
		expect(await a.db.outbox.count()).toBe(0);
		const refused = await a.db.rejected.get(bad.id);
		expect(refused?.reason).toMatch(/householdId/);
		expect(refused?.event).toEqual(bad);
		expect(await a.db.events.get(bad.id)).toBeUndefined();
		expect(await a.db.events.get(good.id)).toEqual({ ...good, receivedAt: expect.any(String) });
		expect(await serverCount()).toBe(1);
	});
});

describe('signOut', () => {
	it('is refused while events are unsent, and clears the device once they are synced', async () => {
		const a = await device('A');
		await record(a.db, a.session, visit('demo-1-1-101', await roundOf(a.db)));
		await expect(signOut(a.db)).rejects.toBeInstanceOf(UnsentEventsError);
		expect(await a.db.outbox.count()).toBe(1);
		await syncOnce(a.db, a.session);
		await signOut(a.db);
		expect(await a.db.households.count()).toBe(0);
	});
});

describe('scope changes and resync', () => {
	async function lead() {
		const e = await enrol(server, DEMO.leadCode, '队长');
		if (!e) throw new Error('enrol failed');
		return authenticate(server, `Bearer ${e.token}`);
	}
	const buildingsOf = async (db: DoorstepDb) => new Set((await db.households.toArray()).map((h) => h.building));

	it('rebuilds the copy for a new building and keeps unsent events for the old one, which the server still takes', async () => {
		const boss = await lead();
		const a = await device('A');
		const round = await roundOf(a.db);
		const one = await assign(server, boss, { deviceId: a.session.deviceId, building: '1', unit: null });
		// Someone else's record in building 2, made before A's cursor.
		const b = await device('B');
		const theirs = await record(b.db, b.session, visit('demo-2-1-101', round));
		await syncOnce(b.db, b.session);
		await syncOnce(a.db, a.session);
		expect(await buildingsOf(a.db)).toEqual(new Set(['1']));

		const mine = await record(a.db, a.session, visit('demo-1-1-101', round));
		const request = await record(a.db, a.session, {
			type: 'delivery_request',
			order: {
				id: 'order-a-1',
				householdId: 'demo-1-1-102',
				items: ['米'],
				urgency: 'normal',
				note: '',
				purchase: false
			}
		});
		await unassign(server, boss, one.assignment.id);
		await assign(server, boss, { deviceId: a.session.deviceId, building: '2', unit: null });

		await pullChanges(a.db, a.session);
		expect(await buildingsOf(a.db)).toEqual(new Set(['2']));
		expect((await a.db.assignments.toArray()).map((x) => x.building)).toEqual(['2']);
		expect(await a.db.events.get(theirs.id)).toEqual({ ...theirs, receivedAt: expect.any(String) });
		expect(await a.db.events.get(mine.id)).toEqual(mine);
		expect(await a.db.events.get(request.id)).toEqual(request);
		expect(await a.db.orders.get('order-a-1')).toBeDefined();
		expect((await a.db.outbox.toArray()).map((r) => r.id).sort()).toEqual([mine.id, request.id].sort());

		const summary = await syncOnce(a.db, a.session);
		expect(summary).toEqual({ accepted: 2, rejected: 0 });
		expect(await a.db.outbox.count()).toBe(0);
		// Delivered, then no longer on this device: building 1 is someone else's now.
		expect(await a.db.events.get(mine.id)).toBeUndefined();
		expect(await a.db.orders.get('order-a-1')).toBeUndefined();
		expect(await serverCount()).toBe(3);
	});

	it('keeps the old copy when the connection drops halfway through a resync, then completes it', async () => {
		const boss = await lead();
		const a = await device('A');
		await assign(server, boss, { deviceId: a.session.deviceId, building: '1', unit: null });
		await syncOnce(a.db, a.session);
		await pullChanges(a.db, a.session);
		expect(await buildingsOf(a.db)).toEqual(new Set(['1']));
		await assign(server, boss, { deviceId: a.session.deviceId, building: '3', unit: null });

		pullsLeft = 2; // the resync answer and the first of two fresh pages (50 rows each), then offline
		await expect(pullChanges(a.db, a.session)).rejects.toThrow(/connection/);
		expect(await buildingsOf(a.db)).toEqual(new Set(['1']));
		expect(await a.db.households.count()).toBe(24);

		pullsLeft = null;
		await pullChanges(a.db, a.session);
		expect(await buildingsOf(a.db)).toEqual(new Set(['1', '3']));
		expect(await a.db.households.count()).toBe(48);
	});

	it('starts over from 0 without losing the outbox when its cursor is beyond the store', async () => {
		const a = await device('A');
		const round = await roundOf(a.db);
		const unsent = await record(a.db, a.session, visit('demo-3-1-101', round));
		const households = await a.db.households.count();
		// As after the server was restored from an older backup: the device is ahead of it.
		await a.db.meta.put({ key: 'cursor', value: 1_000_000 });
		await a.db.households.put({ ...(await a.db.households.toArray())[0], id: 'gone-from-server' });
		await pullChanges(a.db, a.session);
		expect(await a.db.households.get('gone-from-server')).toBeUndefined();
		expect(await a.db.households.count()).toBe(households);
		expect(await a.db.outbox.get(unsent.id)).toEqual({ id: unsent.id, tries: 0, queuedAt: unsent.at });
		expect(await a.db.events.get(unsent.id)).toEqual(unsent);
		expect((await a.db.meta.get('cursor'))?.value).toBeLessThan(1_000_000);
		await syncOnce(a.db, a.session);
		expect(await serverCount()).toBe(1);
	});

	it('drops a household a roster re-import moved off the floor this device is assigned, keeping its own record of it', async () => {
		const boss = await lead();
		const a = await device('A');
		await assign(server, boss, { deviceId: a.session.deviceId, building: '1', unit: '1', floor: 5 });
		await syncOnce(a.db, a.session);
		expect((await a.db.households.toArray()).map((h) => h.id).sort()).toEqual(['demo-1-1-501', 'demo-1-1-502']);
		const mine = await record(a.db, a.session, visit('demo-1-1-501', await roundOf(a.db)));
		await syncOnce(a.db, a.session);

		const h = (await a.db.households.get('demo-1-1-501'))!;
		const row = {
			building: h.building,
			unit: h.unit,
			floor: 6,
			room: h.room,
			head: '户主',
			phone: '',
			residents: h.residents,
			tags: h.tags,
			note: h.note
		};
		expect(await importRoster(server, boss, { households: [row] })).toMatchObject({ ok: true, result: { updated: 1 } });
		await syncOnce(a.db, a.session);
		expect((await a.db.households.toArray()).map((x) => x.id)).toEqual(['demo-1-1-502']);
		// Its visit is on the server; like any record about a door it no longer sees, it left with it.
		expect(await serverCount()).toBe(1);
		expect(await a.db.events.get(mine.id)).toBeUndefined();
	});

	it('gives up with an error instead of looping when the server keeps asking for a resync', async () => {
		const a = await device('A');
		const epoch = (await a.db.meta.get('epoch'))?.value;
		vi.stubGlobal('fetch', async () =>
			Response.json({
				cursor: 0,
				more: true,
				epoch,
				scope: 0,
				resync: 'cursor-ahead',
				households: [],
				rounds: [],
				orders: [],
				assignments: [],
				events: [],
				removedHouseholds: []
			})
		);
		const before = await a.db.households.count();
		await expect(pullChanges(a.db, a.session)).rejects.toThrow(/keeps asking/);
		expect(await a.db.households.count()).toBe(before);
	});
});

describe('a store restored from an older backup', () => {
	let dir = '';
	const file = () => join(dir, 'doorstep.sqlite');
	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'doorstep-restore-'));
		await server.close();
		server = new SqliteDb(file());
		await migrate(server);
		await seedDemo(server);
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	const idsOn = async (db: DoorstepDb) => (await db.events.toCollection().primaryKeys()).map(String).sort();
	const serverIds = async () =>
		(await server.all<{ id: string }>('SELECT id FROM events ORDER BY id')).map((r) => r.id);

	/** What a roster import made after the backup: a household the restored store lacks. */
	async function newHousehold(id: string): Promise<void> {
		await server.tx(async (tx) => {
			const seq = await nextSeq(tx, DEMO_TEAM.id);
			await tx.run(
				`INSERT INTO households (id, team_id, building, unit, floor, room, head, phone, residents, tags, note, seq)
				 VALUES (?, ?, '1', '1', 7, '701', '新户', '', 1, '[]', '', ?)`,
				[id, DEMO_TEAM.id, seq]
			);
		});
	}

	it('devices send again what the store lost, pull afresh, and keep every acknowledged record', async () => {
		const a = await device('A');
		const b = await device('B');
		const round = await roundOf(a.db);
		const before = [
			await record(a.db, a.session, visit('demo-1-1-101', round)),
			await record(b.db, b.session, visit('demo-2-1-101', round))
		];
		await syncOnce(a.db, a.session);
		await syncOnce(b.db, b.session);
		await backupSqlite(file(), join(dir, 'backup.sqlite'));

		// After the backup: more records on both devices, all acknowledged, one on a household
		// that only a later roster import made.
		await newHousehold('h-after-backup');
		await pullChanges(a.db, a.session);
		const after = [
			await record(a.db, a.session, visit('demo-1-1-102', round)),
			await record(a.db, a.session, visit('h-after-backup', round)),
			await record(a.db, a.session, {
				type: 'delivery_request',
				order: {
					id: 'order-after',
					householdId: 'demo-1-1-201',
					items: ['药'],
					urgency: 'medicine',
					note: '',
					purchase: false
				}
			}),
			await record(b.db, b.session, visit('demo-2-1-102', round))
		];
		await syncOnce(a.db, a.session);
		await syncOnce(b.db, b.session);
		await syncOnce(a.db, a.session);
		expect(await a.db.outbox.count()).toBe(0);
		expect(await b.db.outbox.count()).toBe(0);
		const acknowledged = [...before, ...after].map((e) => e.id).sort();
		expect(await idsOn(a.db)).toEqual(acknowledged);
		const epochBefore = (await a.db.meta.get('epoch'))?.value;

		// The store is lost and restored from the backup (server stopped, file swapped).
		await server.close();
		restoreSqlite(join(dir, 'backup.sqlite'), file());
		server = new SqliteDb(file());
		await migrate(server);
		expect(await serverIds()).toEqual(before.map((e) => e.id).sort());

		// A third record made while the server was down, still in the outbox.
		const unsent = await record(b.db, b.session, visit('demo-2-1-201', round));
		await syncOnce(a.db, a.session);
		expect((await a.db.meta.get('epoch'))?.value).not.toBe(epochBefore);
		// Nothing A recorded left A, even the visit the restored store refuses (its household is gone).
		// The device keeps the server's copy of each, stamped when it was received.
		for (const e of [before[0], ...after.slice(0, 3)]) expect(await a.db.events.get(e.id)).toMatchObject(e);
		expect(await a.db.orders.get('order-after')).toBeDefined();
		await syncOnce(b.db, b.session);
		await syncOnce(a.db, a.session);
		await syncOnce(b.db, b.session);

		const taken = [...before, ...after, unsent]
			.map((e) => e.id)
			.filter((id) => id !== after[1].id)
			.sort();
		expect(await serverIds()).toEqual(taken);
		expect(await idsOn(a.db)).toEqual([...taken, after[1].id].sort());
		expect(await idsOn(b.db)).toEqual(taken);
		expect(await b.db.outbox.count()).toBe(0);
		// A second sync changes nothing: no duplicates, no more resyncs.
		const cursor = (await a.db.meta.get('cursor'))?.value;
		await syncOnce(a.db, a.session);
		expect((await a.db.meta.get('cursor'))?.value).toBe(cursor);
		expect(await serverIds()).toEqual(taken);
	});

	it('an interrupted resync after a restore starts over and sends again', async () => {
		const a = await device('A');
		const round = await roundOf(a.db);
		await backupSqlite(file(), join(dir, 'backup.sqlite'));
		const mine = await record(a.db, a.session, visit('demo-1-1-101', round));
		await syncOnce(a.db, a.session);
		await server.close();
		restoreSqlite(join(dir, 'backup.sqlite'), file());
		server = new SqliteDb(file());
		await migrate(server);

		pullsLeft = 2; // the page that shows the new epoch and one fresh page, then offline
		await expect(pullChanges(a.db, a.session)).rejects.toThrow(/connection/);
		expect(await a.db.events.get(mine.id)).toMatchObject(mine);
		pullsLeft = null;
		await pullChanges(a.db, a.session);
		expect(await serverIds()).toEqual([mine.id]);
		expect(await a.db.events.get(mine.id)).toMatchObject(mine);
	});
});
