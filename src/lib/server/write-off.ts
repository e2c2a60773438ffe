import type { LeadDevice } from '$lib/domain/lead-api';
import type { WriteOffDecision, WriteOffResponse, WriteOffStatus } from '$lib/domain/write-off';
import type { DeviceAuth } from './auth';
import type { Db } from './db';
import { HttpError } from './errors';
import { teamDevice, toDevice } from './lead/devices';
import { leadTeam } from './lead/team';

/**
 * A device whose PIN is forgotten asks its lead to approve the loss of its unsent records. It
 * sends their ids in batches; ids the server already holds are not lost and are not recorded,
 * and an id recorded before is not recorded twice (a retry after a lost answer). With the last
 * batch the request goes to the lead (if any record is missing) and the device's token is
 * retired: from then on it may hand in (push) and ask how its request stands, never read.
 * A request the lead has decided is not filed again.
 */
export async function fileWriteOff(db: Db, auth: DeviceAuth, ids: string[], last: boolean): Promise<WriteOffResponse> {
	const unique = [...new Set(ids)];
	return db.tx(async (tx) => {
		const decided = await tx.get<{ status: WriteOffDecision }>(
			'SELECT status FROM write_off_requests WHERE team_id = ? AND device_id = ?',
			[auth.teamId, auth.deviceId]
		);
		if (decided && decided.status !== 'pending')
			throw new HttpError(409, `ids: your lead has already ${decided.status} this device’s request`);
		const now = new Date().toISOString();
		let lost = 0;
		for (const id of unique) {
			if (await tx.get('SELECT 1 AS ok FROM events WHERE team_id = ? AND id = ?', [auth.teamId, id])) continue;
			lost++;
			await tx.run(
				'INSERT INTO written_off (team_id, event_id, device_id, written_at) VALUES (?, ?, ?, ?) ON CONFLICT (team_id, event_id) DO NOTHING',
				[auth.teamId, id, auth.deviceId, now]
			);
		}
		if (!last) return { lost, alreadyIn: unique.length - lost };
		const named = await tx.get<{ n: number }>(
			'SELECT COUNT(*) AS n FROM written_off WHERE team_id = ? AND device_id = ?',
			[auth.teamId, auth.deviceId]
		);
		if (Number(named?.n) > 0)
			await tx.run(
				"INSERT INTO write_off_requests (team_id, device_id, status, asked_at) VALUES (?, ?, 'pending', ?) ON CONFLICT (team_id, device_id) DO NOTHING",
				[auth.teamId, auth.deviceId, now]
			);
		await tx.run('UPDATE devices SET revoked_at = ? WHERE team_id = ? AND id = ? AND revoked_at IS NULL', [
			now,
			auth.teamId,
			auth.deviceId
		]);
		return { lost, alreadyIn: unique.length - lost };
	});
}

/** How the device's own request stands (asked with its old, hand-in-only token). */
export async function writeOffStatus(db: Db, auth: DeviceAuth): Promise<WriteOffStatus> {
	const row = await db.get<{ status: WriteOffDecision; decided_at: string | null }>(
		'SELECT status, decided_at FROM write_off_requests WHERE team_id = ? AND device_id = ?',
		[auth.teamId, auth.deviceId]
	);
	return row ? { status: row.status, decidedAt: row.decided_at } : { status: 'none', decidedAt: null };
}

/**
 * The lead approves the loss (the phone then erases the records) or refuses it (the phone keeps
 * them, sealed, for the PIN to open). The same decision again answers as it stands (a retry
 * after a timeout); the other decision after one is refused (409): the phone may already have
 * acted on the first. Only a lead of the device's team (or an administrator) decides.
 */
export async function decideWriteOff(
	db: Db,
	auth: DeviceAuth,
	deviceId: string,
	approve: boolean,
	requested?: string
): Promise<LeadDevice> {
	const teamId = await leadTeam(db, auth, requested);
	return db.tx(async (tx) => {
		const device = await teamDevice(tx, teamId, deviceId);
		const status: WriteOffDecision = approve ? 'approved' : 'refused';
		const current = device.wo_status;
		if (!current) throw new HttpError(404, `id: device ${deviceId} has asked to write off nothing`);
		if (current === status) return toDevice(device);
		if (current !== 'pending') throw new HttpError(409, `approve: this request was already ${current}`);
		const now = new Date().toISOString();
		const changed = await tx.run(
			"UPDATE write_off_requests SET status = ?, decided_at = ?, decided_by = ? WHERE team_id = ? AND device_id = ? AND status = 'pending'",
			[status, now, auth.deviceId, teamId, deviceId]
		);
		if (!changed) throw new HttpError(409, 'approve: another lead decided this request at the same moment');
		return toDevice(await teamDevice(tx, teamId, deviceId));
	});
}
