import type { LeadDevice } from '$lib/domain/lead-api';
import type { WriteOffDecision } from '$lib/domain/write-off';
import type { DeviceAuth, DeviceStatus, Role } from '../auth';
import type { Db } from '../db';
import { HttpError } from '../errors';
import { rotateInvite } from '../org/invites';
import { teamSettings } from '../org/teams';
import { leadTeam } from './team';

interface DeviceRow {
	id: string;
	volunteer: string;
	role: Role;
	status: DeviceStatus;
	created_at: string;
	last_sync_at: string | null;
	last_pending: number;
	revoked_at: string | null;
	clock_offset_ms: number | null;
	written_off: number;
	wo_status: WriteOffDecision | null;
	wo_asked_at: string | null;
	wo_decided_at: string | null;
}

/**
 * The records a device asked to write off when its PIN was forgotten, less anything that
 * reached the server since (so the count never says lost what is in). They count as lost only
 * once the lead approved (toDevice).
 */
const WRITTEN_OFF = `(SELECT COUNT(*) FROM written_off w WHERE w.team_id = devices.team_id AND w.device_id = devices.id
	AND NOT EXISTS (SELECT 1 FROM events e WHERE e.team_id = w.team_id AND e.id = w.event_id)) AS written_off`;
const REQUEST = (column: string, as: string) =>
	`(SELECT r.${column} FROM write_off_requests r WHERE r.team_id = devices.team_id AND r.device_id = devices.id) AS ${as}`;

const COLUMNS = `id, volunteer, role, status, created_at, last_sync_at, last_pending, revoked_at, clock_offset_ms, ${WRITTEN_OFF},
	${REQUEST('status', 'wo_status')}, ${REQUEST('asked_at', 'wo_asked_at')}, ${REQUEST('decided_at', 'wo_decided_at')}`;

/** Past this, the lead is told the device's clock is wrong (the fold no longer trusts it either). */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

export const toDevice = (r: DeviceRow): LeadDevice => ({
	id: r.id,
	volunteer: r.volunteer,
	role: r.role,
	status: r.status,
	createdAt: r.created_at,
	lastSyncAt: r.last_sync_at,
	lastPending: Number(r.last_pending),
	revokedAt: r.revoked_at,
	clockOffsetMs: r.clock_offset_ms === null ? null : Number(r.clock_offset_ms),
	writtenOff: r.wo_status === 'approved' ? Number(r.written_off) : 0,
	writeOff:
		r.wo_status && r.wo_asked_at
			? { status: r.wo_status, unsent: Number(r.written_off), askedAt: r.wo_asked_at, decidedAt: r.wo_decided_at }
			: null
});

/** Every device ever enrolled in the team, revoked ones included, oldest first. */
export async function listDevices(db: Db, auth: DeviceAuth, requested?: string): Promise<LeadDevice[]> {
	const teamId = await leadTeam(db, auth, requested);
	const rows = await db.all<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE team_id = ? ORDER BY created_at, id`, [
		teamId
	]);
	return rows.map(toDevice);
}

export async function teamDevice(tx: Db, teamId: string, deviceId: string): Promise<DeviceRow> {
	const row = await tx.get<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE id = ? AND team_id = ?`, [
		deviceId,
		teamId
	]);
	// Another team's device gets the same answer as none at all: ids are not probed.
	if (!row) throw new HttpError(404, `id: no device ${deviceId} in this team`);
	return row;
}

/**
 * Revokes a device of the team: authenticate() reads revoked_at on every request, so its token
 * stops working at once. Revoking again answers the device as it is (a retry after a timeout is
 * not an error). Nobody revokes the device it is holding, and only an administrator revokes a
 * lead, so one lead cannot lock another out. With approval off, the revoked person still knows
 * the volunteer code and would be back at once: the code is rotated with the revoke.
 */
export async function revokeDevice(
	db: Db,
	auth: DeviceAuth,
	deviceId: string,
	requested?: string
): Promise<LeadDevice> {
	const teamId = await leadTeam(db, auth, requested);
	return db.tx(async (tx) => {
		const row = await teamDevice(tx, teamId, deviceId);
		if (row.id === auth.deviceId) {
			throw new HttpError(409, 'id: this is your own device; another lead or an admin can revoke it');
		}
		if (row.role !== 'volunteer' && auth.role !== 'admin') {
			throw new HttpError(403, 'id: only an administrator can revoke a lead’s device');
		}
		if (row.revoked_at) return toDevice(row);
		const now = new Date().toISOString();
		const changed = await tx.run(
			'UPDATE devices SET revoked_at = ? WHERE team_id = ? AND id = ? AND revoked_at IS NULL',
			[now, teamId, row.id]
		);
		// Zero rows: a concurrent revoke got there first; answer with its time, not ours.
		if (!changed)
			return toDevice(
				(await tx.get<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE team_id = ? AND id = ?`, [teamId, row.id])) ??
					row
			);
		if (row.role === 'volunteer' && !(await teamSettings(tx, teamId)).approval)
			await rotateInvite(tx, teamId, 'volunteer');
		return toDevice({ ...row, revoked_at: now });
	});
}

/** Lets a pending device in. Approving an active one again is harmless; a revoked one is refused. */
export async function approveDevice(
	db: Db,
	auth: DeviceAuth,
	deviceId: string,
	requested?: string
): Promise<LeadDevice> {
	const teamId = await leadTeam(db, auth, requested);
	return db.tx(async (tx) => {
		const row = await teamDevice(tx, teamId, deviceId);
		if (row.revoked_at)
			throw new HttpError(409, 'id: this device has been revoked; the person enrols again and waits for approval');
		if (row.status === 'active') return toDevice(row);
		await tx.run(
			"UPDATE devices SET status = 'active', approved_by = ?, approved_at = ? WHERE team_id = ? AND id = ?",
			[auth.deviceId, new Date().toISOString(), teamId, row.id]
		);
		return toDevice({ ...row, status: 'active' });
	});
}
