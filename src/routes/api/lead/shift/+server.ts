import { json } from '@sveltejs/kit';
import { shiftQuerySchema } from '$lib/domain/lead-api';
import { handle, parseQuery } from '$lib/server/http';
import { shiftSummary } from '$lib/server/lead/shift';
import { leadOf } from '$lib/server/lead/team';
import { methodNotAllowed } from '$lib/server/body';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, shiftQuerySchema);
		return json(await shiftSummary(db, auth, q.since, q.team));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET']);
