import { createHash, randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Db } from './db';

export type Role = 'volunteer' | 'lead' | 'admin';

export interface DeviceAuth {
	deviceId: string;
	teamId: string;
	volunteer: string;
	role: Role;
}

export const hashToken = (token: string): string =>
	createHash('sha256').update(token).digest('hex');

export class AuthError extends Error {}

/** Resolves a bearer header to a live device; the token itself is never stored. */
export async function authenticate(db: Db, header: string | null): Promise<DeviceAuth> {
	const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header ?? '');
	if (!match) throw new AuthError('missing or malformed bearer token');
	const row = await db.get<{
		id: string;
		team_id: string;
		volunteer: string;
		role: Role;
		revoked_at: string | null;
	}>('SELECT id, team_id, volunteer, role, revoked_at FROM devices WHERE token_hash = ?', [
		hashToken(match[1])
	]);
	if (!row) throw new AuthError('unknown device token');
	if (row.revoked_at) throw new AuthError('this device has been revoked by the team lead');
	return { deviceId: row.id, teamId: row.team_id, volunteer: row.volunteer, role: row.role };
}

export interface Enrolment {
	deviceId: string;
	token: string;
	role: Role;
	team: { id: string; name: string };
}

/** Enrols a device with a team's volunteer or lead code; returns null for an unknown code. */
export async function enrol(db: Db, code: string, volunteer: string): Promise<Enrolment | null> {
	const team = await db.get<{ id: string; name: string; enrol_code: string }>(
		'SELECT id, name, enrol_code FROM teams WHERE enrol_code = ? OR lead_code = ?',
		[code, code]
	);
	if (!team) return null;
	const role: Role = team.enrol_code === code ? 'volunteer' : 'lead';
	const token = randomBytes(32).toString('base64url');
	const deviceId = uuidv7();
	await db.run(
		`INSERT INTO devices (id, team_id, volunteer, role, token_hash, created_at)
		 VALUES (?, ?, ?, ?, ?, ?)`,
		[deviceId, team.id, volunteer, role, hashToken(token), new Date().toISOString()]
	);
	return { deviceId, token, role, team: { id: team.id, name: team.name } };
}
