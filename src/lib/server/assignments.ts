import { uuidv7 } from 'uuidv7';
import type { AssignmentView, AssignRequest } from '$lib/domain/api';
import type { DeviceAuth } from './auth';
import type { Db } from './db';
import { HttpError } from './errors';
import { requireLead } from './roles';
import { nextSeq } from './seq';
import { NOT_FOREIGN } from './needs/foreign-door';

interface Row {
	id: string;
	device_id: string;
	volunteer: string;
	building: string;
	unit: string | null;
	floor: number | null;
	created_at: string | null;
}

const toView = (r: Row): AssignmentView => ({
	id: r.id,
	deviceId: r.device_id,
	volunteer: r.volunteer,
	building: r.building,
	unit: r.unit,
	floor: r.floor === null ? null : Number(r.floor),
	assignedAt: r.created_at ?? ''
});

const SELECT = `SELECT a.id, a.device_id, d.volunteer, a.building, a.unit, a.floor, a.created_at
	FROM assignments a JOIN devices d ON d.team_id = a.team_id AND d.id = a.device_id`;

/** The team's current assignments, for the lead's screen. */
export async function listAssignments(db: Db, auth: DeviceAuth): Promise<AssignmentView[]> {
	requireLead(auth);
	const rows = await db.all<Row>(
		`${SELECT} WHERE a.team_id = ? AND a.removed_at IS NULL ORDER BY d.volunteer, a.building, a.unit, a.floor, a.id`,
		[auth.teamId]
	);
	return rows.map(toView);
}

/**
 * Gives a volunteer device of the lead's team a building, one unit of it, or one floor of a unit. Assigning what
 * the device already has changes nothing and answers the existing assignment. The device's
 * next pull sees its scope changed and rebuilds its copy (see pull).
 */
export async function assign(
	db: Db,
	auth: DeviceAuth,
	request: Omit<AssignRequest, 'floor'> & { floor?: number | null }
): Promise<{ assignment: AssignmentView; created: boolean }> {
	requireLead(auth);
	const req = { ...request, floor: request.unit === null ? null : (request.floor ?? null) };
	return db.tx(async (tx) => {
		// The counter row is the writers' lock: two leads assigning at once take turns here.
		const seq = await nextSeq(tx, auth.teamId);
		const device = await tx.get<{ role: string; revoked_at: string | null }>(
			'SELECT role, revoked_at FROM devices WHERE id = ? AND team_id = ?',
			[req.deviceId, auth.teamId]
		);
		// Another team's device gets the same answer as none at all: ids are not probed.
		if (!device) throw new HttpError(404, 'deviceId: no such device in this team');
		if (device.revoked_at) throw new HttpError(409, 'deviceId: this device has been revoked');
		if (device.role !== 'volunteer') {
			throw new HttpError(400, 'deviceId: only volunteer devices take assignments; leads see the whole team');
		}
		const area =
			req.unit === null
				? 'building = ?'
				: req.floor === null
					? 'building = ? AND unit = ?'
					: 'building = ? AND unit = ? AND floor = ?';
		const areaParams =
			req.unit === null
				? [req.building]
				: req.floor === null
					? [req.building, req.unit]
					: [req.building, req.unit, req.floor];
		const homes = await tx.get(
			`SELECT 1 AS ok FROM households WHERE team_id = ? AND ${area} AND ${NOT_FOREIGN} LIMIT 1`,
			[auth.teamId, ...areaParams]
		);
		if (!homes) {
			throw new HttpError(
				404,
				req.unit === null
					? `building: no households in building ${req.building}`
					: req.floor === null
						? `unit: no households in building ${req.building} unit ${req.unit}`
						: `floor: no households on floor ${req.floor} of building ${req.building} unit ${req.unit}`
			);
		}
		const sameUnit =
			req.unit === null
				? 'a.unit IS NULL'
				: req.floor === null
					? 'a.unit = ? AND a.floor IS NULL'
					: 'a.unit = ? AND a.floor = ?';
		const existing = await tx.get<Row>(
			`${SELECT} WHERE a.team_id = ? AND a.device_id = ? AND a.building = ? AND ${sameUnit} AND a.removed_at IS NULL`,
			[auth.teamId, req.deviceId, ...areaParams]
		);
		if (existing) return { assignment: toView(existing), created: false };
		const id = uuidv7();
		await tx.run(
			'INSERT INTO assignments (id, team_id, device_id, building, unit, floor, seq, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
			[id, auth.teamId, req.deviceId, req.building, req.unit, req.floor, seq, new Date().toISOString()]
		);
		const row = await tx.get<Row>(`${SELECT} WHERE a.team_id = ? AND a.id = ?`, [auth.teamId, id]);
		if (!row) throw new Error('assignment vanished inside its own transaction');
		return { assignment: toView(row), created: true };
	});
}

/**
 * Takes an assignment back. The row stays as a tombstone with a new cursor value, so the
 * device's scope version moves and its next pull drops what it may no longer see. Removing
 * one already removed answers the same, so a retried request is harmless.
 */
export async function unassign(db: Db, auth: DeviceAuth, id: string): Promise<{ id: string; alreadyRemoved: boolean }> {
	requireLead(auth);
	return db.tx(async (tx) => {
		const seq = await nextSeq(tx, auth.teamId);
		const row = await tx.get<{ removed_at: string | null }>(
			'SELECT removed_at FROM assignments WHERE id = ? AND team_id = ?',
			[id, auth.teamId]
		);
		if (!row) throw new HttpError(404, 'id: no such assignment in this team');
		if (row.removed_at) return { id, alreadyRemoved: true };
		await tx.run('UPDATE assignments SET removed_at = ?, seq = ? WHERE team_id = ? AND id = ?', [
			new Date().toISOString(),
			seq,
			auth.teamId,
			id
		]);
		return { id, alreadyRemoved: false };
	});
}
