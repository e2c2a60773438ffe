import type { DeskDevices, DeskHousehold } from '$lib/domain/needs/desk-api';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { HttpError } from '../errors';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { deviceOf, parseQuery } from '../http';
import { leadTeam } from '../lead/team';
import { NOT_FOREIGN } from './foreign-door';

/**
 * The desk role (受理台): a volunteer the lead marks takes phone and WeChat requests for the
 * whole team and works the residents' triage list — nothing else of the lead's. Kept per device
 * (`desk_devices`), so a second phone of the same person is not a desk until marked.
 */

/** Whether a device of `teamId` is marked desk. */
async function isDesk(db: Db, teamId: string, deviceId: string): Promise<boolean> {
	return !!(await db.get('SELECT 1 AS ok FROM desk_devices WHERE team_id = ? AND device_id = ?', [teamId, deviceId]));
}

/**
 * The team a desk endpoint acts on: a lead's or administrator's as for lead endpoints; a
 * volunteer's own team only when the lead marked the device desk. Every other device: 403.
 */
export async function deskTeam(db: Db, auth: DeviceAuth, requested?: string): Promise<string> {
	if (auth.role !== 'volunteer') return leadTeam(db, auth, requested);
	if (!(await isDesk(db, auth.teamId, auth.deviceId)))
		throw new HttpError(403, 'this needs a lead device or one the lead marked as desk (受理台)');
	if (requested !== undefined && requested !== auth.teamId)
		throw new HttpError(403, 'team: a desk works only for its own team');
	return auth.teamId;
}

/** Whether the calling device may use the desk. */
export async function deskStatus(db: Db, auth: DeviceAuth): Promise<{ desk: boolean }> {
	return { desk: auth.role !== 'volunteer' || (await isDesk(db, auth.teamId, auth.deviceId)) };
}

/** The team's desk devices (lead). */
export async function deskDevices(db: Db, auth: DeviceAuth, team?: string): Promise<DeskDevices> {
	const teamId = await leadTeam(db, auth, team);
	const rows = await db.all<{ device_id: string }>(
		'SELECT device_id FROM desk_devices WHERE team_id = ? ORDER BY device_id',
		[teamId]
	);
	return { desk: rows.map((r) => r.device_id) };
}

/** The lead marks one volunteer's device as desk, or takes the role back. */
export async function setDesk(
	db: Db,
	auth: DeviceAuth,
	deviceId: string,
	desk: boolean,
	team?: string,
	now = new Date()
): Promise<DeskDevices> {
	const teamId = await leadTeam(db, auth, team);
	const device = await db.get<{ role: string }>('SELECT role FROM devices WHERE id = ? AND team_id = ?', [
		deviceId,
		teamId
	]);
	if (!device) throw new HttpError(404, `deviceId: no device ${deviceId} in this team`);
	if (device.role !== 'volunteer') throw new HttpError(400, `deviceId: ${deviceId} is not a volunteer's device`);
	if (desk)
		await db.run(
			'INSERT INTO desk_devices (team_id, device_id, granted_at) VALUES (?, ?, ?) ON CONFLICT (team_id, device_id) DO NOTHING',
			[teamId, deviceId, now.toISOString()]
		);
	else await db.run('DELETE FROM desk_devices WHERE team_id = ? AND device_id = ?', [teamId, deviceId]);
	return deskDevices(db, auth, team);
}

/**
 * The roster as the desk searches it: door and head of household only. Read when the desk
 * screen opens and kept in memory only, never in the device's database.
 */
export async function deskRoster(db: Db, auth: DeviceAuth, team?: string): Promise<{ households: DeskHousehold[] }> {
	const teamId = await deskTeam(db, auth, team);
	const rows = await db.all<DeskHousehold>(
		`SELECT id, building, unit, floor, room, head FROM households WHERE team_id = ? AND ${NOT_FOREIGN} ORDER BY building, unit, floor, room`,
		[teamId]
	);
	return { households: rows.map((r) => ({ ...r, floor: Number(r.floor) })) };
}

/**
 * The calling device, refused with 403 before its body is read unless it is a lead, an
 * administrator or a desk volunteer (for the triage endpoints, which the desk shares).
 */
export async function deskOf(db: Db, request: Request, url: URL): Promise<DeviceAuth> {
	const auth = await deviceOf(db, request);
	await deskTeam(db, auth, parseQuery(url, leadQuerySchema).team);
	return auth;
}
