import { ROUND_KINDS } from '$lib/domain/rounds/kinds';
import { expect } from 'vitest';
import type { DeliveryRequestEvent, FieldEvent } from '$lib/domain/schemas';
import { visit } from '$tests/support/events';
import { authenticate, enrol, type DeviceAuth } from '../auth';
import type { Db } from '../db';
import { DEMO_TEAM, loadDemo, type DemoHousehold } from '../demo';
import { createOrg, theOrg, type CreatedTeam } from '../org/teams';
import { createInvite } from '../org/invites';
import { nextSeq } from '../seq';
import { pull } from '../pull';

export { visit };

/** Enrols a device with a code and resolves its token the way a request would. */
export async function device(db: Db, code: string, volunteer = '测试志愿者'): Promise<DeviceAuth> {
	const done = await enrol(db, code, volunteer);
	if (!done) throw new Error(`no team for code ${code}`);
	return authenticate(db, `Bearer ${done.token}`);
}

/**
 * The codes of the demo community loaded last in this test file. Codes are random now, so tests
 * read them here; files run their tests one after another, so "last loaded" is this test's.
 */
export const DEMO = { volunteerCode: '', leadCode: '' };

/**
 * The demo community for a test: an organisation if the store has none, the demo loaded into it,
 * with approval off and unassigned volunteers seeing the team in full, as every device did before
 * those rules existed (the tests of approval and masking switch them back on).
 */
export async function seedDemo(
	db: Db,
	today = new Date('2026-11-23T08:00:00Z'),
	households?: DemoHousehold[]
): Promise<CreatedTeam> {
	const team = await db.tx(async (tx) => {
		const org = (await theOrg(tx))?.id ?? (await createOrg(tx, '测试街道', today)).orgId;
		return loadDemo(tx, org, today, households);
	});
	// Written directly, without a new scope version: no device has pulled from this team yet.
	await db.run('UPDATE teams SET approval = 0, full_when_unassigned = 1 WHERE id = ?', [DEMO_TEAM.id]);
	DEMO.volunteerCode = team.volunteerCode;
	DEMO.leadCode = team.leadCode;
	return team;
}

/** Reads the demo's current codes again, after a test rotated one. */
export async function refreshDemoCodes(db: Db): Promise<void> {
	const code = async (role: string) =>
		(
			await db.get<{ code: string }>('SELECT code FROM invites WHERE team_id = ? AND role = ? AND revoked_at IS NULL', [
				DEMO_TEAM.id,
				role
			])
		)?.code ?? '';
	DEMO.volunteerCode = await code('volunteer');
	DEMO.leadCode = await code('lead');
}

export interface DemoTeam {
	roundId: string;
	volunteer: DeviceAuth;
	lead: DeviceAuth;
}

/** The seeded demo team with one volunteer and one lead device. */
export async function demoTeam(db: Db): Promise<DemoTeam> {
	await seedDemo(db);
	const round = await db.get<{ id: string }>('SELECT id FROM rounds WHERE team_id = ?', [DEMO_TEAM.id]);
	if (!round) throw new Error('demo seed made no round');
	return {
		roundId: round.id,
		volunteer: await device(db, DEMO.volunteerCode),
		lead: await device(db, DEMO.leadCode)
	};
}

export const TEAM_B = { id: 'team-b', enrolCode: '', leadCode: '', household: 'b-1-1-101' };

/** A second team with one household and round, written with plain SQL as a lead's import would. */
export async function secondTeam(db: Db): Promise<{ roundId: string; volunteer: DeviceAuth }> {
	await db.tx(async (tx) => {
		const org = (await theOrg(tx))?.id ?? (await createOrg(tx, '测试街道')).orgId;
		await tx.run(
			`INSERT INTO teams (id, name, enrol_code, lead_code, created_at, org_id, approval)
			 VALUES (?, '乙队', 'legacy-v-team-b', 'legacy-l-team-b', '2026-11-23T08:00:00Z', ?, 0)`,
			[TEAM_B.id, org]
		);
		TEAM_B.enrolCode = (await createInvite(tx, TEAM_B.id, 'volunteer')).code;
		TEAM_B.leadCode = (await createInvite(tx, TEAM_B.id, 'lead')).code;
		const seq = await nextSeq(tx, TEAM_B.id, 2);
		await tx.run(
			`INSERT INTO households (id, team_id, building, unit, floor, room, head, phone, residents, tags, note, seq)
			 VALUES (?, ?, '1', '1', 1, '101', '乙户', '10000000000', 2, '[]', '', ?)`,
			[TEAM_B.household, TEAM_B.id, seq]
		);
		await tx.run(
			"INSERT INTO rounds (id, team_id, date, kind, active, seq) VALUES ('round-b', ?, '2026-11-23', 'sampling', 1, ?)",
			[TEAM_B.id, seq + 1]
		);
	});
	return { roundId: 'round-b', volunteer: await device(db, TEAM_B.enrolCode) };
}

/** Assigns a building (or one unit of it) to a device, as the lead's screen would. */
export async function assign(db: Db, auth: DeviceAuth, building: string, unit: string | null = null): Promise<void> {
	await db.tx(async (tx) => {
		const seq = await nextSeq(tx, auth.teamId);
		await tx.run('INSERT INTO assignments (id, team_id, device_id, building, unit, seq) VALUES (?, ?, ?, ?, ?, ?)', [
			`a-${auth.deviceId}-${building}-${unit ?? 'all'}`,
			auth.teamId,
			auth.deviceId,
			building,
			unit,
			seq
		]);
	});
}

let orders = 0;
export function deliveryRequest(auth: DeviceAuth, householdId: string): DeliveryRequestEvent {
	orders++;
	return {
		id: `req-${orders}-${Math.random().toString(36).slice(2, 8)}`,
		v: 1,
		type: 'delivery_request',
		deviceId: auth.deviceId,
		volunteer: auth.volunteer,
		at: '2026-11-23T09:00:00.000Z',
		order: {
			id: `order-${orders}-${Math.random().toString(36).slice(2, 8)}`,
			householdId,
			items: ['退烧药'],
			urgency: 'medicine',
			note: '',
			purchase: true
		}
	};
}

export const count = async (db: Db, table: string): Promise<number> =>
	(await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? -1;

/** An event as a pull hands it out: named for the device that sent it, stamped when received. */
export const pulled = <E extends FieldEvent>(e: E, by: Pick<DeviceAuth, 'volunteer'>): E => ({
	...e,
	volunteer: by.volunteer,
	receivedAt: expect.any(String) as unknown as string
});

/**
 * The round kinds today's build names in every pull. A pull without them is an older build's,
 * which receives neither the other round kinds' records nor care and request events.
 */
export const APP_KINDS = ROUND_KINDS.join(',');

/** Where a device's copy stands: the cursor and scope version its last page answered. */
export interface PullPoint {
	cursor: number;
	scope: number;
}

/**
 * What a device receives syncing from where it was (one page of up to 5,000 rows), following a
 * resync from 0 as the client does; `resync` says whether it had to.
 */
export async function syncFrom(db: Db, auth: DeviceAuth, from: PullPoint) {
	let page = await pull(db, auth, from.cursor, 5000, from.scope, APP_KINDS);
	let resync = false;
	if (page.resync) {
		resync = true;
		page = await pull(db, auth, 0, 5000, page.scope, APP_KINDS);
	}
	return { page, resync, at: { cursor: page.cursor, scope: page.scope } };
}
