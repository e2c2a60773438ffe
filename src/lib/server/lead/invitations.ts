import type { InvitationsResponse, TeamSettingsView } from '$lib/domain/org-api';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { rotateInvite, setInviteExpiry } from '../org/invites';
import { setTeamSettings } from '../org/teams';
import { leadTeam, teamInfo } from './team';

const expiry = (validHours: number | null, now: Date): string | null =>
	validHours === null ? null : new Date(now.getTime() + validHours * 3600_000).toISOString();

/** A new volunteer or lead code; the old one and every QR printed from it stop working at once. */
export async function rotate(
	db: Db,
	auth: DeviceAuth,
	role: 'volunteer' | 'lead',
	validHours: number | null,
	requested?: string,
	now = new Date()
): Promise<InvitationsResponse> {
	const teamId = await leadTeam(db, auth, requested);
	await db.tx((tx) => rotateInvite(tx, teamId, role, expiry(validHours, now), now));
	return teamInfo(db, auth, requested);
}

/** Sets how long the current invitation keeps working (null: until rotated). */
export async function setExpiry(
	db: Db,
	auth: DeviceAuth,
	role: 'volunteer' | 'lead',
	validHours: number | null,
	requested?: string,
	now = new Date()
): Promise<InvitationsResponse> {
	const teamId = await leadTeam(db, auth, requested);
	await db.tx((tx) => setInviteExpiry(tx, teamId, role, expiry(validHours, now)));
	return teamInfo(db, auth, requested);
}

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
