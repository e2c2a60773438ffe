import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { teamCoverage } from '$lib/domain/team-coverage';
import { foldAll } from '$lib/domain/status';
import { authenticate, enrol, type DeviceAuth } from '$lib/server/auth';
import { SqliteDb } from '$lib/server/db/sqlite';
import { migrate } from '$lib/server/db/migrate';
import { pull } from '$lib/server/pull';
import { pushEvents } from '$lib/server/push';
import { admin } from '$lib/server/lead/testing';
import { passNeed, stepTransfer } from '$lib/server/needs/transfer';
import { DEMO, device as serverDevice, secondTeam, seedDemo, TEAM_B } from '$lib/server/testing/fixtures';
import { DEMO_TEAM } from '$lib/server/demo';
import { created, needEvent } from '$tests/support/needs';
import { openDoorstepDb, type DoorstepDb } from './db';
import { pullChanges } from './sync';
import type { Session } from './session';
import { wipeResidentData } from './vault/vault';

/**
 * Foreign doors on a device (issue 10): the demo community receives a request the office passed
 * from community 乙; the door comes in apart from the roster, so the grid, rounds and coverage
 * read from `households` never count it, and it reaches the holder's device only, with the phone.
 */
let server: SqliteDb;

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
	const url = new URL(String(input), 'http://localhost');
	const auth = await authenticate(server, new Headers(init?.headers).get('authorization'));
	const cursor = Number(url.searchParams.get('cursor') ?? 0);
	const scope = Number(url.searchParams.get('scope') ?? 0);
	return Response.json(await pull(server, auth, cursor, 50, scope, url.searchParams.get('kinds') ?? undefined));
}

async function phone(code: string, name: string): Promise<{ db: DoorstepDb; session: Session; auth: DeviceAuth }> {
	const e = await enrol(server, code, name);
	if (!e) throw new Error('enrol failed');
	const db = openDoorstepDb(`test-foreign-${name}-${Math.random()}`);
	const session: Session = { ...e, volunteer: name };
	await pullChanges(db, session);
	return { db, session, auth: await authenticate(server, `Bearer ${e.token}`) };
}

const who = (a: DeviceAuth) => ({ deviceId: a.deviceId, volunteer: a.volunteer });

beforeEach(async () => {
	server = new SqliteDb(':memory:');
	await migrate(server);
	await seedDemo(server);
	await secondTeam(server);
	vi.stubGlobal('fetch', fakeFetch);
});
afterEach(async () => {
	vi.unstubAllGlobals();
	await server.close();
});

describe('a foreign door on the receiving community’s devices', () => {
	it('comes apart from the roster, never in its coverage; the holder gets the phone and loses it once done', async () => {
		// Community 乙 escalates a request of its household; the office passes it to the demo team.
		const leadA = await serverDevice(server, TEAM_B.leadCode, '乙队长');
		const up = { needId: 'need-up', householdId: TEAM_B.household };
		await pushEvents(
			server,
			leadA,
			[created(who(leadA), up), needEvent('need_escalated', who(leadA), up, { note: '' })],
			0
		);
		await passNeed(server, await admin(server), { from: TEAM_B.id, needId: 'need-up', to: DEMO_TEAM.id });

		const lead = await phone(DEMO.leadCode, '队长');
		const runner = await phone(DEMO.volunteerCode, '跑腿');
		const rosterBefore = await lead.db.households.count();
		const coverage = async (db: DoorstepDb) => {
			const households = await db.households.toArray();
			const round = (await db.rounds.toArray())[0].id;
			return teamCoverage(households, foldAll(households, await db.events.toArray(), round)).total.households;
		};
		const before = await coverage(lead.db);
		const step = await stepTransfer(server, lead.auth, TEAM_B.id, 'need-up', 'taken');
		const own = { needId: step.ownNeedId!, householdId: '' };

		await pullChanges(lead.db, lead.session);
		const doors = await lead.db.foreignDoors.toArray();
		expect(doors).toHaveLength(1);
		expect(doors[0]).toMatchObject({ phone: '10000000000', head: '', residents: 0, tags: [] });
		own.householdId = doors[0].id;
		expect(await lead.db.households.count()).toBe(rosterBefore);
		expect(await lead.db.households.get(own.householdId)).toBeUndefined();
		expect(await coverage(lead.db)).toBe(before);
		// The request itself is on the lead's device, at the foreign door.
		expect((await lead.db.events.where('householdId').equals(own.householdId).toArray()).map((e) => e.type)).toEqual([
			'need_created'
		]);

		// Not the volunteer's until it is dispatched to them; then with the phone, still not in the roster.
		await pullChanges(runner.db, runner.session);
		expect(await runner.db.foreignDoors.count()).toBe(0);
		await pushEvents(
			server,
			lead.auth,
			[needEvent('need_dispatched', who(lead.auth), own, { to: { deviceId: runner.auth.deviceId, name: '跑腿' } })],
			0
		);
		await pullChanges(runner.db, runner.session);
		expect((await runner.db.foreignDoors.toArray()).map((h) => h.phone)).toEqual(['10000000000']);
		expect(await runner.db.events.where('householdId').equals(own.householdId).count()).toBe(2);
		expect(await runner.db.households.get(own.householdId)).toBeUndefined();

		// Done: the phone leaves the holder's device with the resync a lost hold answers.
		await pushEvents(
			server,
			runner.auth,
			[needEvent('need_done', who(runner.auth), own, { items: [], collectedFen: 0, feedback: null, note: '' })],
			0
		);
		await pullChanges(runner.db, runner.session);
		expect(await runner.db.foreignDoors.count()).toBe(0);

		// The tenth wrong PIN's wipe takes the lead's foreign doors with the residents' data.
		await wipeResidentData(lead.db);
		expect(await lead.db.foreignDoors.count()).toBe(0);
	});
});
