import type { InvitationsResponse } from '$lib/domain/org-api';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { HttpError } from '../errors';
import { deviceOf } from '../http';
import { teamInvites } from '../org/invites';
import { teamSettings } from '../org/teams';
import { requireLead } from '../roles';

/**
 * The team a lead endpoint acts on: a lead's own team, or for an administrator the community of
 * its organisation it names with ?team=. A lead naming another team is refused rather than
 * silently given its own; another organisation's team answers 404, like one that does not exist.
 */
export async function leadTeam(db: Db, auth: DeviceAuth, requested?: string): Promise<string> {
	requireLead(auth);
	if (auth.role !== 'admin') {
		if (requested !== undefined && requested !== auth.teamId)
			throw new HttpError(403, 'team: a lead manages only its own team');
		return auth.teamId;
	}
	if (requested === undefined) throw new HttpError(400, 'team: an administrator names the community with ?team=');
	const team = await db.get("SELECT 1 AS ok FROM teams WHERE id = ? AND org_id = ? AND kind = 'community'", [
		requested,
		auth.orgId
	]);
	if (!team) throw new HttpError(404, `team: no team ${requested}`);
	return requested;
}

/** What the lead screen shows so people can enrol: the invitations, as text and as QR, and the rules. */
export async function teamInfo(db: Db, auth: DeviceAuth, requested?: string): Promise<InvitationsResponse> {
	const teamId = await leadTeam(db, auth, requested);
	const row = await db.get<{ id: string; name: string }>('SELECT id, name FROM teams WHERE id = ?', [teamId]);
	if (!row) throw new HttpError(404, `team: no team ${teamId}`);
	return {
		team: { id: row.id, name: row.name },
		...(await teamInvites(db, teamId)),
		settings: await teamSettings(db, teamId)
	};
}

/** The calling device, refused with 403 before its body is read unless it is a lead or admin. */
export async function leadOf(db: Db, request: Request): Promise<DeviceAuth> {
	const auth = await deviceOf(db, request);
	requireLead(auth);
	return auth;
}
