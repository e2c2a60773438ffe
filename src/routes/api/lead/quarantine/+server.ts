import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, parseQuery } from '$lib/server/http';
import { listQuarantine } from '$lib/server/quarantine';
import { leadOf } from '$lib/server/lead/team';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		return json(await listQuarantine(db, auth, q.team));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET']);
