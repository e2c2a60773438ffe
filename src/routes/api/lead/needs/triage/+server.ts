import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, parseQuery } from '$lib/server/http';
import { leadOf } from '$lib/server/lead/team';
import { triageList } from '$lib/server/needs/resident';
import type { RequestHandler } from './$types';

/** Residents' requests waiting for the lead. */
export const GET: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		return json(await triageList(db, auth, parseQuery(url, leadQuerySchema).team));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET']);
