import type { Db } from '../db';
import { newCode } from '../codes';

export type InviteRole = 'volunteer' | 'lead' | 'admin';

export interface Invite {
	code: string;
	role: InviteRole;
	createdAt: string;
	expiresAt: string | null;
}

interface InviteRow {
	code: string;
	role: InviteRole;
	created_at: string;
	expires_at: string | null;
}

const toInvite = (r: InviteRow): Invite => ({
	code: r.code,
	role: r.role,
	createdAt: r.created_at,
	expiresAt: r.expires_at
});

/**
 * Writes a new invitation with a fresh random code. A clash with any code ever issued (any
 * team, any role) is the primary key's to catch: draw again.
 */
export async function createInvite(
	tx: Db,
	teamId: string,
	role: InviteRole,
	expiresAt: string | null = null,
	now = new Date()
): Promise<Invite> {
	for (let attempt = 0; attempt < 10; attempt++) {
		const code = newCode();
		if (await tx.get('SELECT 1 AS ok FROM invites WHERE code = ?', [code])) continue;
		await tx.run('INSERT INTO invites (code, team_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
			code,
			teamId,
			role,
			now.toISOString(),
			expiresAt
		]);
		return { code, role, createdAt: now.toISOString(), expiresAt };
	}
	throw new Error('could not draw a unique invitation code');
}

/** The team's current invitation of a role (volunteer or lead), or null once closed. */
export async function currentInvite(db: Db, teamId: string, role: InviteRole): Promise<Invite | null> {
	const row = await db.get<InviteRow>(
		`SELECT code, role, created_at, expires_at FROM invites
		 WHERE team_id = ? AND role = ? AND revoked_at IS NULL ORDER BY created_at DESC, code LIMIT 1`,
		[teamId, role]
	);
	return row ? toInvite(row) : null;
}

/**
 * Replaces the team's invitation of a role: the old code (and every QR printed from it) stops
 * working in the same transaction the new one starts.
 */
export async function rotateInvite(
	tx: Db,
	teamId: string,
	role: 'volunteer' | 'lead',
	expiresAt: string | null = null,
	now = new Date()
): Promise<Invite> {
	await tx.run('UPDATE invites SET revoked_at = ? WHERE team_id = ? AND role = ? AND revoked_at IS NULL', [
		now.toISOString(),
		teamId,
		role
	]);
	return createInvite(tx, teamId, role, expiresAt, now);
}

/** Sets or clears the expiry of the team's current invitation of a role. */
export async function setInviteExpiry(
	tx: Db,
	teamId: string,
	role: 'volunteer' | 'lead',
	expiresAt: string | null
): Promise<Invite | null> {
	await tx.run('UPDATE invites SET expires_at = ? WHERE team_id = ? AND role = ? AND revoked_at IS NULL', [
		expiresAt,
		teamId,
		role
	]);
	return currentInvite(tx, teamId, role);
}

/** Both invitations of a community, as its lead and its administrators see them. */
export async function teamInvites(db: Db, teamId: string): Promise<{ volunteer: Invite | null; lead: Invite | null }> {
	return { volunteer: await currentInvite(db, teamId, 'volunteer'), lead: await currentInvite(db, teamId, 'lead') };
}
