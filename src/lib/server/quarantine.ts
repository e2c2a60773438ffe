import { uuidv7 } from 'uuidv7';
import type { QuarantineResponse } from '$lib/domain/lead-api';
import type { DeviceAuth, Role } from './auth';
import type { Db, Param } from './db';
import { leadTeam } from './lead/team';

/**
 * What the store keeps of the events it refused, per device: enough to see what went wrong
 * (the device keeps every refused event and its reason in its own list), never enough for a
 * broken or hostile device to fill the disk. Past either cap the oldest rows go first.
 */
export const QUARANTINE_ROWS_PER_DEVICE = 200;
export const QUARANTINE_BYTES_PER_DEVICE = 256 * 1024;
/** Characters kept of one refused event's JSON. */
export const QUARANTINE_BODY_CHARS = 2000;

function bodyOf(raw: unknown): string {
	try {
		return (JSON.stringify(raw ?? null) ?? 'null').slice(0, QUARANTINE_BODY_CHARS);
	} catch {
		// Too deep to serialise; its reason says so.
		return '"(not kept)"';
	}
}

/** The row for one refused event: (team_id, id, event_id, device_id, reason, body, bytes, received_at). */
export function quarantineRow(
	teamId: string,
	eventId: string,
	deviceId: string,
	reason: string,
	raw: unknown,
	now: string
): Param[] {
	const body = bodyOf(raw);
	const bytes = Buffer.byteLength(body) + Buffer.byteLength(reason) + Buffer.byteLength(eventId);
	return [teamId, uuidv7(), eventId, deviceId, reason, body, bytes, now];
}

/** Drops the device's oldest rows past either cap; runs in the push's transaction. */
export async function capQuarantine(tx: Db, teamId: string, deviceId: string): Promise<void> {
	const rows = await tx.all<{ id: string; bytes: number }>(
		'SELECT id, bytes FROM quarantine WHERE team_id = ? AND device_id = ? ORDER BY id DESC LIMIT ?',
		[teamId, deviceId, QUARANTINE_ROWS_PER_DEVICE + 1]
	);
	let bytes = 0;
	for (let i = 0; i < rows.length; i++) {
		bytes += Number(rows[i].bytes);
		if (i >= QUARANTINE_ROWS_PER_DEVICE || bytes > QUARANTINE_BYTES_PER_DEVICE) {
			await tx.run('DELETE FROM quarantine WHERE team_id = ? AND device_id = ? AND id <= ?', [
				teamId,
				deviceId,
				rows[i].id
			]);
			return;
		}
	}
}

/** Most rows a lead's list shows, newest first. */
export const QUARANTINE_LIST_LIMIT = 500;

/**
 * What the store refused from the team's devices, newest first: which device and volunteer,
 * when, which event id and why. Not the event itself: it may hold a note about a resident, and
 * the lead's own screens already show what the team recorded.
 */
export async function listQuarantine(db: Db, auth: DeviceAuth, requested?: string): Promise<QuarantineResponse> {
	const teamId = await leadTeam(db, auth, requested);
	return db.snapshot(async (r) => {
		const rows = await r.all<{
			event_id: string;
			device_id: string;
			volunteer: string;
			role: Role;
			reason: string;
			received_at: string;
		}>(
			`SELECT q.event_id, q.device_id, d.volunteer, d.role, q.reason, q.received_at
			 FROM quarantine q JOIN devices d ON d.team_id = q.team_id AND d.id = q.device_id
			 WHERE q.team_id = ? ORDER BY q.id DESC LIMIT ?`,
			[teamId, QUARANTINE_LIST_LIMIT]
		);
		const totals = await r.all<{ device_id: string; volunteer: string; n: number; bytes: number; last: string }>(
			`SELECT q.device_id, d.volunteer, COUNT(*) AS n, SUM(q.bytes) AS bytes, MAX(q.received_at) AS last
			 FROM quarantine q JOIN devices d ON d.team_id = q.team_id AND d.id = q.device_id
			 WHERE q.team_id = ? GROUP BY q.device_id, d.volunteer ORDER BY last DESC`,
			[teamId]
		);
		return {
			limits: { rows: QUARANTINE_ROWS_PER_DEVICE, bytes: QUARANTINE_BYTES_PER_DEVICE },
			devices: totals.map((t) => ({
				deviceId: t.device_id,
				volunteer: t.volunteer,
				kept: Number(t.n),
				bytes: Number(t.bytes),
				lastAt: t.last
			})),
			refused: rows.map((q) => ({
				eventId: q.event_id,
				deviceId: q.device_id,
				volunteer: q.volunteer,
				role: q.role,
				reason: q.reason,
				receivedAt: q.received_at
			}))
		};
	});
}
