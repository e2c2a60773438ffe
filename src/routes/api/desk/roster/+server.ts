import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle, parseQuery } from '$lib/server/http';
import { deskRoster } from '$lib/server/needs/desk';
import type { RequestHandler } from './$types';

/** The roster as the desk searches it: door and head of household only (desk or lead). */
export const GET: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await deviceOf(db, request);
		return json(await deskRoster(db, auth, parseQuery(url, leadQuerySchema).team));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET']);
