import type { LeadDevice } from '$lib/domain/lead-api';
import type { DeviceAuth, Role } from '../auth';
import type { Db } from '../db';
import { HttpError } from '../http';
import { leadTeam } from './team';

interface DeviceRow {
	id: string;
	volunteer: string;
	role: Role;
	created_at: string;
	last_sync_at: string | null;
	last_pending: number;
	revoked_at: string | null;
}

const COLUMNS = 'id, volunteer, role, created_at, last_sync_at, last_pending, revoked_at';

const toDevice = (r: DeviceRow): LeadDevice => ({
	id: r.id,
	volunteer: r.volunteer,
	role: r.role,
	createdAt: r.created_at,
	lastSyncAt: r.last_sync_at,
	lastPending: Number(r.last_pending),
	revokedAt: r.revoked_at
});

/** Every device ever enrolled in the team, revoked ones included, oldest first. */
export async function listDevices(db: Db, auth: DeviceAuth, requested?: string): Promise<LeadDevice[]> {
	const teamId = await leadTeam(db, auth, requested);
	const rows = await db.all<DeviceRow>(
		`SELECT ${COLUMNS} FROM devices WHERE team_id = ? ORDER BY created_at, id`,
		[teamId]
	);
	return rows.map(toDevice);
}

/**
 * Revokes a device of the team: authenticate() reads revoked_at on every request, so its
 * token stops working at once. Revoking again answers the device as it is (a retry after a
 * timeout is not an error). Nobody revokes the device it is holding, so a lead cannot lock
 * itself out mid-shift, and only an admin revokes an admin's device.
 */
export async function revokeDevice(
	db: Db,
	auth: DeviceAuth,
	deviceId: string,
	requested?: string
): Promise<LeadDevice> {
	const teamId = await leadTeam(db, auth, requested);
	return db.tx(async (tx) => {
		const row = await tx.get<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE id = ? AND team_id = ?`, [
			deviceId,
			teamId
		]);
		if (!row) throw new HttpError(404, `id: no device ${deviceId} in this team`);
		if (row.id === auth.deviceId) {
			throw new HttpError(409, 'id: this is your own device; another lead or an admin can revoke it');
		}
		if (row.role === 'admin' && auth.role !== 'admin') {
			throw new HttpError(403, 'id: only an admin can revoke an admin device');
		}
		if (row.revoked_at) return toDevice(row);
		const now = new Date().toISOString();
		const changed = await tx.run('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [
			now,
			row.id
		]);
		// Zero rows: a concurrent revoke got there first; answer with its time, not ours.
		if (changed) return toDevice({ ...row, revoked_at: now });
		const after = await tx.get<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE id = ?`, [row.id]);
		return toDevice(after ?? row);
	});
}
