import { uuidv7 } from 'uuidv7';
import { hashToken } from '../auth';
import { newSecret } from '../codes';
import type { Db } from '../db';
import { HttpError } from '../errors';
import { loadDemo } from '../demo';
import { createCommunity, createOrg, officeTeam, theOrg, type CreatedTeam } from './teams';

/** How long a printed setup link works. */
export const SETUP_LINK_HOURS = 24;

/** An administrator device that can still sign in: once one exists, setup is over. */
export async function hasAdmin(db: Db): Promise<boolean> {
	return !!(await db.get(
		"SELECT 1 AS ok FROM devices WHERE role = 'admin' AND status = 'active' AND revoked_at IS NULL LIMIT 1"
	));
}

/**
 * A fresh one-time setup secret, or null once an administrator exists. Each call retires the
 * earlier unused ones: only the link printed last works, so an old terminal scroll-back is
 * worthless. The store keeps only the secret's hash.
 */
export async function issueSetupToken(db: Db, now = new Date()): Promise<string | null> {
	return db.tx(async (tx) => {
		if (await hasAdmin(tx)) return null;
		await tx.run('UPDATE setup_tokens SET used_at = ? WHERE used_at IS NULL', [now.toISOString()]);
		const token = newSecret();
		const expires = new Date(now.getTime() + SETUP_LINK_HOURS * 3600_000).toISOString();
		await tx.run('INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES (?, ?, ?)', [
			hashToken(token),
			now.toISOString(),
			expires
		]);
		return token;
	});
}

export interface SetupRequest {
	token: string;
	orgName: string;
	adminName: string;
	/** The first community to create, if any. */
	community?: string;
	/** Load the demo community (random codes, shown once on the setup screen). */
	demo?: boolean;
}

export interface SetupResult {
	org: { id: string; name: string };
	admin: { deviceId: string; token: string; teamId: string; teamName: string };
	communities: CreatedTeam[];
}

/**
 * Spends a setup link: names the organisation (or renames the one an upgraded store already
 * has), makes the first administrator device, and the first community or the demo.
 */
export async function completeSetup(db: Db, req: SetupRequest, now = new Date()): Promise<SetupResult> {
	return db.tx(async (tx) => {
		const row = await tx.get<{ used_at: string | null; expires_at: string }>(
			'SELECT used_at, expires_at FROM setup_tokens WHERE token_hash = ?',
			[hashToken(req.token)]
		);
		if (!row || row.used_at || row.expires_at <= now.toISOString() || (await hasAdmin(tx))) {
			throw new HttpError(404, 'token: this setup link is unknown, used or expired; restart the server for a new one');
		}
		await tx.run('UPDATE setup_tokens SET used_at = ? WHERE token_hash = ?', [now.toISOString(), hashToken(req.token)]);
		let org = await theOrg(tx);
		if (org) await tx.run('UPDATE orgs SET name = ? WHERE id = ?', [req.orgName, org.id]);
		else org = { id: (await createOrg(tx, req.orgName, now)).orgId, name: req.orgName };
		const office = await officeTeam(tx, org.id);
		await tx.run('UPDATE teams SET name = ? WHERE id = ?', [req.orgName, office]);
		const token = newSecret();
		const deviceId = uuidv7();
		await tx.run(
			`INSERT INTO devices (id, team_id, volunteer, role, token_hash, created_at, status, approved_at)
			 VALUES (?, ?, ?, 'admin', ?, ?, 'active', ?)`,
			[deviceId, office, req.adminName, hashToken(token), now.toISOString(), now.toISOString()]
		);
		const communities: CreatedTeam[] = [];
		if (req.community) communities.push(await createCommunity(tx, org.id, req.community, { now }));
		if (req.demo) communities.push(await loadDemo(tx, org.id, now));
		return {
			org: { id: org.id, name: req.orgName },
			admin: { deviceId, token, teamId: office, teamName: req.orgName },
			communities
		};
	});
}
