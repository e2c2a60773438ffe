import type { WriteOffResponse } from '$lib/domain/write-off';
import type { DeviceAuth } from './auth';
import type { Db } from './db';

/**
 * Records that a device's unsent records are lost (its PIN is forgotten and it is erasing
 * itself), so its lead sees how many on the devices screen. Ids the server already holds are
 * not lost and are not recorded; an id recorded before is not recorded twice (a retry after a
 * lost answer). The device's token is retired with it: the phone enrols again as a new device.
 * The last batch says so (`last`); earlier ones keep the token so the rest can follow.
 */
export async function writeOff(db: Db, auth: DeviceAuth, ids: string[], last: boolean): Promise<WriteOffResponse> {
	const unique = [...new Set(ids)];
	return db.tx(async (tx) => {
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
		if (last)
			await tx.run('UPDATE devices SET revoked_at = ? WHERE team_id = ? AND id = ? AND revoked_at IS NULL', [
				now,
				auth.teamId,
				auth.deviceId
			]);
		return { lost, alreadyIn: unique.length - lost };
	});
}
