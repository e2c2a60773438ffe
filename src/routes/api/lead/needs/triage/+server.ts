import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, parseQuery } from '$lib/server/http';
import { deskOf } from '$lib/server/needs/desk';
import { triageList } from '$lib/server/needs/resident';
import type { RequestHandler } from './$types';

/** Residents' requests waiting for the lead. */
export const GET: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await deskOf(db, request, url);
		return json(await triageList(db, auth, parseQuery(url, leadQuerySchema).team));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET']);
