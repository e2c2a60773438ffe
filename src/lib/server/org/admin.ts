import type { CreatedTeamView, InviteView } from '$lib/domain/org-api';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { requireAdmin } from '../roles';
import { createInvite } from './invites';
import { closeTeam, createCommunity, officeTeam, renameTeam } from './teams';

/** How long an administrator's invitation works; it is also spent by its first use. */
export const ADMIN_INVITE_HOURS = 24;

export async function adminCreateTeam(
	db: Db,
	auth: DeviceAuth,
	name: string,
	approval: boolean
): Promise<CreatedTeamView> {
	requireAdmin(auth);
	return db.tx((tx) => createCommunity(tx, auth.orgId, name, { approval }));
}

export async function adminRenameTeam(db: Db, auth: DeviceAuth, teamId: string, name: string): Promise<void> {
	requireAdmin(auth);
	await renameTeam(db, auth.orgId, teamId, name);
}

export async function adminCloseTeam(db: Db, auth: DeviceAuth, teamId: string): Promise<void> {
	requireAdmin(auth);
	await closeTeam(db, auth.orgId, teamId);
}

/** A single-use invitation for another administrator of the same organisation. */
export async function adminInvite(db: Db, auth: DeviceAuth, now = new Date()): Promise<InviteView> {
	requireAdmin(auth);
	const expires = new Date(now.getTime() + ADMIN_INVITE_HOURS * 3600_000).toISOString();
	return db.tx(async (tx) => createInvite(tx, await officeTeam(tx, auth.orgId), 'admin', expires, now));
}
