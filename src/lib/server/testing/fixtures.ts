import type { DeliveryRequestEvent } from '$lib/domain/schemas';
import { visit } from '$tests/support/events';
import { authenticate, enrol, type DeviceAuth } from '../auth';
import type { Db } from '../db';
import { DEMO_TEAM, seedDemo } from '../demo';
import { nextSeq } from '../seq';

export { visit };

/** Enrols a device with a code and resolves its token the way a request would. */
export async function device(db: Db, code: string, volunteer = '测试志愿者'): Promise<DeviceAuth> {
	const done = await enrol(db, code, volunteer);
	if (!done) throw new Error(`no team for code ${code}`);
	return authenticate(db, `Bearer ${done.token}`);
}

export interface DemoTeam {
	roundId: string;
	volunteer: DeviceAuth;
	lead: DeviceAuth;
}

/** The seeded demo team with one volunteer and one lead device. */
export async function demoTeam(db: Db): Promise<DemoTeam> {
	await seedDemo(db, new Date('2026-11-23T08:00:00Z'));
	const round = await db.get<{ id: string }>('SELECT id FROM rounds WHERE team_id = ?', [DEMO_TEAM.id]);
	if (!round) throw new Error('demo seed made no round');
	return {
		roundId: round.id,
		volunteer: await device(db, DEMO_TEAM.enrolCode),
		lead: await device(db, DEMO_TEAM.leadCode)
	};
}

export const TEAM_B = { id: 'team-b', enrolCode: 'TEAMB01', leadCode: 'TEAMB02', household: 'b-1-1-101' };

/** A second team with one household and round, written with plain SQL as a lead's import would. */
export async function secondTeam(db: Db): Promise<{ roundId: string; volunteer: DeviceAuth }> {
	await db.tx(async (tx) => {
		const seq = await nextSeq(tx, 2);
		await tx.run(
			'INSERT INTO teams (id, name, enrol_code, lead_code, created_at) VALUES (?, ?, ?, ?, ?)',
			[TEAM_B.id, '乙队', TEAM_B.enrolCode, TEAM_B.leadCode, '2026-11-23T08:00:00Z']
		);
		await tx.run(
			`INSERT INTO households (id, team_id, building, unit, floor, room, head, phone, residents, tags, note, seq)
			 VALUES (?, ?, '1', '1', 1, '101', '乙户', '10000000000', 2, '[]', '', ?)`,
			[TEAM_B.household, TEAM_B.id, seq]
		);
		await tx.run("INSERT INTO rounds (id, team_id, date, kind, active, seq) VALUES ('round-b', ?, '2026-11-23', 'sampling', 1, ?)", [
			TEAM_B.id,
			seq + 1
		]);
	});
	return { roundId: 'round-b', volunteer: await device(db, TEAM_B.enrolCode) };
}

/** Assigns a building (or one unit of it) to a device, as the lead's screen would. */
export async function assign(db: Db, auth: DeviceAuth, building: string, unit: string | null = null): Promise<void> {
	await db.tx(async (tx) => {
		const seq = await nextSeq(tx);
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
