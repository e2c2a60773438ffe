import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { setPromiseSchema } from '$lib/domain/needs/promises-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, parseBody, parseQuery } from '$lib/server/http';
import { leadOf } from '$lib/server/lead/team';
import { setPromise, teamPromises } from '$lib/server/needs/promises';
import type { RequestHandler } from './$types';

/** The team's promised times per kind (defaults where the lead changed nothing). */
export const GET: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		return json(await teamPromises(db, auth, parseQuery(url, leadQuerySchema).team));
	});

/** The lead changes one kind's promise, or gives it back to the default. */
export const POST: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		const body = await parseBody(request, setPromiseSchema);
		return json(await setPromise(db, auth, body.kind, body.promise, q.team));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET', 'POST']);
