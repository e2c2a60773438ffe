import type { LeadTeamResponse } from '$lib/domain/lead-api';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { deviceOf, HttpError } from '../http';
import { requireLead } from '../roles';

/**
 * The team a lead endpoint acts on: a lead's own team, or for an admin the team it names.
 * A lead naming another team is refused rather than silently given its own.
 */
export async function leadTeam(db: Db, auth: DeviceAuth, requested?: string): Promise<string> {
	requireLead(auth);
	const teamId = requested ?? auth.teamId;
	if (auth.role !== 'admin' && teamId !== auth.teamId) {
		throw new HttpError(403, 'team: a lead manages only its own team');
	}
	if (teamId !== auth.teamId && !(await db.get('SELECT 1 AS ok FROM teams WHERE id = ?', [teamId]))) {
		throw new HttpError(404, `team: no team ${teamId}`);
	}
	return teamId;
}

/** What the lead screen shows so volunteers can enrol: the codes, as text and as QR. */
export async function teamInfo(db: Db, auth: DeviceAuth, requested?: string): Promise<LeadTeamResponse> {
	const teamId = await leadTeam(db, auth, requested);
	const row = await db.get<{ id: string; name: string; enrol_code: string; lead_code: string }>(
		'SELECT id, name, enrol_code, lead_code FROM teams WHERE id = ?',
		[teamId]
	);
	if (!row) throw new HttpError(404, `team: no team ${teamId}`);
	return { team: { id: row.id, name: row.name }, enrolCode: row.enrol_code, leadCode: row.lead_code };
}

/** The calling device, refused with 403 before its body is read unless it is a lead or admin. */
export async function leadOf(db: Db, request: Request): Promise<DeviceAuth> {
	const auth = await deviceOf(db, request);
	requireLead(auth);
	return auth;
}
