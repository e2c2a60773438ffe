import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { newSecret } from './codes';
import type { Db } from './db';

export type Role = 'volunteer' | 'lead' | 'admin';
export type DeviceStatus = 'pending' | 'active';

export interface DeviceAuth {
	deviceId: string;
	teamId: string;
	/** The organisation (street office) the team belongs to. */
	orgId: string;
	volunteer: string;
	role: Role;
	status: DeviceStatus;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export class AuthError extends Error {}

/** A device the lead revoked: the device is told so (and erases residents' data). */
export class RevokedError extends AuthError {
	constructor() {
		super('this device has been revoked by the team lead');
	}
}

/** A device the lead has not approved yet: it may ask who it is, nothing else. */
export class PendingError extends Error {
	constructor() {
		super('this device is waiting for the team lead to approve it (等待组长确认)');
	}
}

/**
 * Resolves a bearer header to a live device; the token itself is never stored. A pending
 * device is refused unless the caller says it may be pending (only "who am I" does); a revoked
 * one unless it may hand in (only push: a revoked device may hand in what it recorded, never read).
 */
export async function authenticate(
	db: Db,
	header: string | null,
	options: { allowPending?: boolean; allowRevoked?: boolean } = {}
): Promise<DeviceAuth> {
	const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header ?? '');
	if (!match) throw new AuthError('missing or malformed bearer token');
	const row = await db.get<{
		id: string;
		team_id: string;
		org_id: string | null;
		volunteer: string;
		role: Role;
		status: DeviceStatus;
		revoked_at: string | null;
	}>(
		`SELECT d.id, d.team_id, t.org_id, d.volunteer, d.role, d.status, d.revoked_at
		 FROM devices d JOIN teams t ON t.id = d.team_id WHERE d.token_hash = ?`,
		[hashToken(match[1])]
	);
	if (!row) throw new AuthError('unknown device token');
	if (row.revoked_at && !options.allowRevoked) throw new RevokedError();
	if (row.status === 'pending' && !options.allowPending) throw new PendingError();
	return {
		deviceId: row.id,
		teamId: row.team_id,
		orgId: row.org_id ?? '',
		volunteer: row.volunteer,
		role: row.role,
		status: row.status
	};
}

export interface Enrolment {
	deviceId: string;
	token: string;
	role: Role;
	status: DeviceStatus;
	team: { id: string; name: string };
}

interface InviteLookup {
	role: Role;
	team_id: string;
	name: string;
	approval: number;
	expires_at: string | null;
	revoked_at: string | null;
	closed_at: string | null;
}

/**
 * Whether a new device starts approved. An administrator's invitation (single use) and a lead
 * code are themselves the trust: an administrator hands them to one person each, shown only on
 * the administrator's and leads' screens, and rotates a lead code that has leaked. A volunteer
 * code hangs on posters, so its devices wait for the lead unless the team switched approval off.
 */
function startsActive(invite: InviteLookup): boolean {
	return invite.role !== 'volunteer' || invite.approval === 0;
}

/**
 * Enrols a device with an invitation code; null for a code that is unknown, rotated away,
 * expired or of a closed community — one answer for all, so codes cannot be probed.
 */
export async function enrol(db: Db, code: string, volunteer: string, now = new Date()): Promise<Enrolment | null> {
	return db.tx(async (tx) => {
		const invite = await tx.get<InviteLookup>(
			`SELECT i.role, i.team_id, t.name, t.approval, i.expires_at, i.revoked_at, t.closed_at
			 FROM invites i JOIN teams t ON t.id = i.team_id WHERE i.code = ?`,
			[code]
		);
		if (!invite || invite.revoked_at || invite.closed_at) return null;
		if (invite.expires_at && invite.expires_at <= now.toISOString()) return null;
		const status: DeviceStatus = startsActive(invite) ? 'active' : 'pending';
		const token = newSecret();
		const deviceId = uuidv7();
		await tx.run(
			`INSERT INTO devices (id, team_id, volunteer, role, token_hash, created_at, status, approved_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			[
				deviceId,
				invite.team_id,
				volunteer,
				invite.role,
				hashToken(token),
				now.toISOString(),
				status,
				status === 'active' ? now.toISOString() : null
			]
		);
		// An administrator's invitation is spent once used.
		if (invite.role === 'admin')
			await tx.run('UPDATE invites SET revoked_at = ? WHERE code = ?', [now.toISOString(), code]);
		return { deviceId, token, role: invite.role, status, team: { id: invite.team_id, name: invite.name } };
	});
}
