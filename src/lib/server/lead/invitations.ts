import type { InvitationsResponse, TeamSettingsView } from '$lib/domain/org-api';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { rotateInvite, setInviteExpiry } from '../org/invites';
import { setTeamSettings } from '../org/teams';
import { leadTeam, teamInfo } from './team';

const expiry = (validHours: number | null, now: Date): string | null =>
	validHours === null ? null : new Date(now.getTime() + validHours * 3600_000).toISOString();

/** Changes one invitation of the lead's team in a transaction, and answers the team's invitations. */
async function changeInvite(
	db: Db,
	auth: DeviceAuth,
	requested: string | undefined,
	change: (tx: Db, teamId: string) => Promise<unknown>
): Promise<InvitationsResponse> {
	const teamId = await leadTeam(db, auth, requested);
	await db.tx((tx) => change(tx, teamId));
	return teamInfo(db, auth, requested);
}

/** A new volunteer or lead code; the old one and every QR printed from it stop working at once. */
export const rotate = (
	db: Db,
	auth: DeviceAuth,
	role: 'volunteer' | 'lead',
	validHours: number | null,
	requested?: string,
	now = new Date()
) => changeInvite(db, auth, requested, (tx, teamId) => rotateInvite(tx, teamId, role, expiry(validHours, now), now));

/** Sets how long the current invitation keeps working (null: until rotated). */
export const setExpiry = (
	db: Db,
	auth: DeviceAuth,
	role: 'volunteer' | 'lead',
	validHours: number | null,
	requested?: string,
	now = new Date()
) => changeInvite(db, auth, requested, (tx, teamId) => setInviteExpiry(tx, teamId, role, expiry(validHours, now)));

export async function updateSettings(
	db: Db,
	auth: DeviceAuth,
	patch: Partial<TeamSettingsView>,
	requested?: string
): Promise<InvitationsResponse> {
	const teamId = await leadTeam(db, auth, requested);
	await setTeamSettings(db, teamId, patch);
	return teamInfo(db, auth, requested);
}
