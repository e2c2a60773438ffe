import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { setSkillsSchema } from '$lib/domain/needs/skills-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, parseBody, parseQuery } from '$lib/server/http';
import { leadOf } from '$lib/server/lead/team';
import { setSkills, teamSkills } from '$lib/server/needs/skills';
import type { RequestHandler } from './$types';

/** The team's volunteers' skills, for the assignment suggestion. */
export const GET: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		return json(await teamSkills(db, auth, parseQuery(url, leadQuerySchema).team));
	});

/** The lead sets one volunteer's skills. */
export const POST: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		const body = await parseBody(request, setSkillsSchema);
		return json(await setSkills(db, auth, body.deviceId, body.skills, q.team));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET', 'POST']);
