import { teamSkillsSchema } from '$lib/domain/needs/skills-api';
import { request } from './request';
import type { Session } from './session';

/** The lead's calls about volunteers' skills (the needs desk's suggestion uses them). */
const teamQuery = (team?: string) => (team ? `?team=${encodeURIComponent(team)}` : '');

export const teamSkills = async (s: Session, team?: string) =>
	(await request(`/api/lead/needs/skills${teamQuery(team)}`, teamSkillsSchema, { token: s.token })).skills;

export const setSkills = async (s: Session, deviceId: string, skills: string[], team?: string) =>
	(
		await request(`/api/lead/needs/skills${teamQuery(team)}`, teamSkillsSchema, {
			method: 'POST',
			body: { deviceId, skills },
			token: s.token
		})
	).skills;
