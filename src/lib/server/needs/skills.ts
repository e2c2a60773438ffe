import { tidySkills } from '$lib/domain/needs/skills';
import type { TeamSkills } from '$lib/domain/needs/skills-api';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { HttpError } from '../errors';
import { leadTeam } from '../lead/team';

/** Every volunteer's skills in the lead's team. */
export async function teamSkills(db: Db, auth: DeviceAuth, team?: string): Promise<TeamSkills> {
	const teamId = await leadTeam(db, auth, team);
	const rows = await db.all<{ device_id: string; skills: string }>(
		'SELECT device_id, skills FROM volunteer_skills WHERE team_id = ?',
		[teamId]
	);
	return { skills: Object.fromEntries(rows.map((r) => [r.device_id, JSON.parse(r.skills) as string[]])) };
}

/** Sets one volunteer's skills; the device must be of the lead's team. */
export async function setSkills(
	db: Db,
	auth: DeviceAuth,
	deviceId: string,
	skills: readonly string[],
	team?: string
): Promise<TeamSkills> {
	const teamId = await leadTeam(db, auth, team);
	const device = await db.get('SELECT 1 AS ok FROM devices WHERE id = ? AND team_id = ?', [deviceId, teamId]);
	if (!device) throw new HttpError(404, `deviceId: no device ${deviceId} in this team`);
	await db.run(
		`INSERT INTO volunteer_skills (team_id, device_id, skills) VALUES (?, ?, ?)
		 ON CONFLICT (team_id, device_id) DO UPDATE SET skills = excluded.skills`,
		[teamId, deviceId, JSON.stringify(tidySkills(skills))]
	);
	return teamSkills(db, auth, team);
}
