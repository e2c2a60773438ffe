import { uuidv7 } from 'uuidv7';
import type { Db } from '../db';
import { HttpError } from '../errors';
import { nextSeq } from '../seq';
import { createInvite, type Invite } from './invites';
import type { LockRules } from '$lib/domain/lock-rules';
import { lockRules, saveLockRules } from '../lock-rules';

export interface CreatedTeam {
	teamId: string;
	name: string;
	volunteerCode: string;
	leadCode: string;
	approval: boolean;
}

/** The legacy code columns are NOT NULL UNIQUE; this value never matches a typed code. */
const legacy = (teamId: string, kind: 'v' | 'l') => `legacy-${kind}-${teamId}`;

/** Inserts a team row of an organisation, with no invitations. */
export async function insertTeam(
	tx: Db,
	orgId: string,
	name: string,
	kind: 'community' | 'office',
	opts: { id?: string; approval?: boolean; now?: Date } = {}
): Promise<string> {
	const id = opts.id ?? uuidv7();
	const now = (opts.now ?? new Date()).toISOString();
	await tx.run(
		`INSERT INTO teams (id, name, enrol_code, lead_code, created_at, org_id, kind, approval)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		[id, name, legacy(id, 'v'), legacy(id, 'l'), now, orgId, kind, opts.approval === false ? 0 : 1]
	);
	return id;
}

/** A new community with its volunteer and lead invitations. */
export async function createCommunity(
	tx: Db,
	orgId: string,
	name: string,
	opts: { id?: string; approval?: boolean; now?: Date } = {}
): Promise<CreatedTeam> {
	const teamId = await insertTeam(tx, orgId, name, 'community', opts);
	const volunteer: Invite = await createInvite(tx, teamId, 'volunteer', null, opts.now);
	const lead: Invite = await createInvite(tx, teamId, 'lead', null, opts.now);
	return { teamId, name, volunteerCode: volunteer.code, leadCode: lead.code, approval: opts.approval !== false };
}

/** The organisation's office team, whose devices are its administrators. */
export async function officeTeam(db: Db, orgId: string): Promise<string> {
	const row = await db.get<{ id: string }>("SELECT id FROM teams WHERE org_id = ? AND kind = 'office'", [orgId]);
	if (!row) throw new Error(`organisation ${orgId} has no office team`);
	return row.id;
}

export async function createOrg(
	tx: Db,
	name: string,
	now = new Date()
): Promise<{ orgId: string; officeTeamId: string }> {
	const orgId = uuidv7();
	await tx.run('INSERT INTO orgs (id, name, created_at) VALUES (?, ?, ?)', [orgId, name, now.toISOString()]);
	const officeTeamId = await insertTeam(tx, orgId, name, 'office', { now });
	return { orgId, officeTeamId };
}

/** The deployment's organisation, if one was set up. One deployment serves one street office. */
export async function theOrg(db: Db): Promise<{ id: string; name: string } | undefined> {
	return db.get<{ id: string; name: string }>('SELECT id, name FROM orgs ORDER BY created_at, id LIMIT 1');
}

/**
 * A store from before organisations existed: its teams join one organisation and get fresh
 * invitations (their old codes were public). Safe to run on every start.
 */
export async function adoptLegacyTeams(db: Db, now = new Date()): Promise<void> {
	await db.tx(async (tx) => {
		const orphans = await tx.all<{ id: string }>('SELECT id FROM teams WHERE org_id IS NULL ORDER BY created_at, id');
		if (!orphans.length) return;
		const org = (await theOrg(tx))?.id ?? (await createOrg(tx, '未命名街道', now)).orgId;
		for (const t of orphans) {
			await tx.run("UPDATE teams SET org_id = ?, kind = 'community' WHERE id = ?", [org, t.id]);
			await createInvite(tx, t.id, 'volunteer', null, now);
			await createInvite(tx, t.id, 'lead', null, now);
		}
		// Admin devices of old stores move into the office, where administrators live now.
		const office = await officeTeam(tx, org);
		await tx.run("UPDATE devices SET team_id = ? WHERE role = 'admin' AND team_id <> ?", [office, office]);
	});
}

/** A community of the organisation, or 404 (another organisation's ids are not probed). */
export async function communityOf(
	db: Db,
	orgId: string,
	teamId: string
): Promise<{ id: string; name: string; closed_at: string | null }> {
	const row = await db.get<{ id: string; name: string; closed_at: string | null }>(
		"SELECT id, name, closed_at FROM teams WHERE id = ? AND org_id = ? AND kind = 'community'",
		[teamId, orgId]
	);
	if (!row) throw new HttpError(404, `team: no community ${teamId} in this organisation`);
	return row;
}

export async function renameTeam(db: Db, orgId: string, teamId: string, name: string): Promise<void> {
	await communityOf(db, orgId, teamId);
	await db.run('UPDATE teams SET name = ? WHERE id = ?', [name, teamId]);
}

/**
 * Closes a community: its invitations stop working at once. Its devices keep syncing, so work
 * recorded before the close still reaches the server; revoke them to stop that too.
 */
export async function closeTeam(db: Db, orgId: string, teamId: string, now = new Date()): Promise<void> {
	await db.tx(async (tx) => {
		const team = await communityOf(tx, orgId, teamId);
		if (team.closed_at) return;
		await tx.run('UPDATE teams SET closed_at = ? WHERE id = ?', [now.toISOString(), teamId]);
		await tx.run('UPDATE invites SET revoked_at = ? WHERE team_id = ? AND revoked_at IS NULL', [
			now.toISOString(),
			teamId
		]);
	});
}

export interface TeamSettings extends LockRules {
	/** New volunteer devices wait for the lead's approval. */
	approval: boolean;
	/** Approved volunteers with no assigned area see the whole team's names and phones. */
	fullWhenUnassigned: boolean;
}

export async function teamSettings(db: Db, teamId: string): Promise<TeamSettings> {
	const row = await db.get<{ approval: number; full_when_unassigned: number }>(
		'SELECT approval, full_when_unassigned FROM teams WHERE id = ?',
		[teamId]
	);
	return {
		approval: Number(row?.approval ?? 1) === 1,
		fullWhenUnassigned: Number(row?.full_when_unassigned ?? 0) === 1,
		...(await lockRules(db, teamId))
	};
}

/**
 * Changes a team's settings. What unassigned volunteers may see depends on one of them, so
 * changing it takes a cursor value that every volunteer device's scope version includes: their
 * next pull rebuilds their copy under the new rule (see pull's scopeVersion).
 */
export async function setTeamSettings(db: Db, teamId: string, patch: Partial<TeamSettings>): Promise<TeamSettings> {
	return db.tx(async (tx) => {
		const now = await teamSettings(tx, teamId);
		const next = { ...now, ...patch };
		await tx.run('UPDATE teams SET approval = ?, full_when_unassigned = ? WHERE id = ?', [
			next.approval ? 1 : 0,
			next.fullWhenUnassigned ? 1 : 0,
			teamId
		]);
		if (next.pinLength !== now.pinLength || next.lockMinutes !== now.lockMinutes) await saveLockRules(tx, teamId, next);
		if (next.fullWhenUnassigned !== now.fullWhenUnassigned) {
			await tx.run('UPDATE teams SET settings_seq = ? WHERE id = ?', [await nextSeq(tx, teamId), teamId]);
		}
		return next;
	});
}
