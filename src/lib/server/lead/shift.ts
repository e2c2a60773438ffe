import type { ShiftResponse } from '$lib/domain/lead-api';
import { handedIn } from '$lib/domain/shift';
import type { DeviceAuth, Role } from '../auth';
import type { Db } from '../db';
import { leadTeam } from './team';

/**
 * The end-of-shift hand-in: which devices synced since the shift ended and what they still
 * had waiting then. Revoked devices are left out: they can no longer sync, and the devices
 * list shows them. Coverage is not computed here; the lead's device folds pulled events.
 */
export async function shiftSummary(
	db: Db,
	auth: DeviceAuth,
	since: string,
	requested?: string
): Promise<ShiftResponse> {
	const teamId = await leadTeam(db, auth, requested);
	// Stored times are toISOString() UTC, so text comparison orders them once `since` is too.
	const from = new Date(since).toISOString();
	const { devices, counts } = await db.snapshot(async (r) => ({
		devices: await r.all<{
			id: string;
			volunteer: string;
			role: Role;
			last_sync_at: string | null;
			last_pending: number;
		}>(
			`SELECT id, volunteer, role, last_sync_at, last_pending FROM devices
			 WHERE team_id = ? AND revoked_at IS NULL ORDER BY created_at, id`,
			[teamId]
		),
		counts: await r.all<{ device_id: string; n: number }>(
			`SELECT device_id, COUNT(*) AS n FROM events
			 WHERE team_id = ? AND received_at >= ? GROUP BY device_id`,
			[teamId, from]
		)
	}));
	const byDevice = new Map(counts.map((c) => [c.device_id, Number(c.n)]));
	const out = devices.map((d) => ({
		id: d.id,
		volunteer: d.volunteer,
		role: d.role,
		lastSyncAt: d.last_sync_at,
		lastPending: Number(d.last_pending),
		syncedSinceShiftEnd: d.last_sync_at !== null && d.last_sync_at >= from,
		eventsSince: byDevice.get(d.id) ?? 0
	}));
	return {
		since: from,
		eventsSince: [...byDevice.values()].reduce((a, b) => a + b, 0),
		allHandedIn: out.every(handedIn),
		devices: out
	};
}
