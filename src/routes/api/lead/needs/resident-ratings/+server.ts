import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, parseQuery } from '$lib/server/http';
import { leadOf, leadTeam } from '$lib/server/lead/team';
import { residentRatings } from '$lib/server/needs/resident-rating';
import type { RequestHandler } from './$types';

/** issue 10 (session 4): the residents' own ratings of the team's requests, for the lead. */
export const GET: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const teamId = await leadTeam(db, auth, parseQuery(url, leadQuerySchema).team);
		const ratings = await residentRatings(db, teamId);
		return json(
			{ ratings: [...ratings].map(([needId, r]) => ({ needId, ...r })) },
			{ headers: { 'cache-control': 'no-store' } }
		);
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET']);
