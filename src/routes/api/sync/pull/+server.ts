import { json } from '@sveltejs/kit';
import { pullQuerySchema } from '$lib/domain/api';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle, parseQuery } from '$lib/server/http';
import { lockRules } from '$lib/server/lock-rules';
import { pull } from '$lib/server/pull';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await deviceOf(db, request);
		const q = parseQuery(url, pullQuerySchema);
		// The team's lock rules travel with every page: two numbers, always current.
		return json({
			...(await pull(db, auth, q.cursor, q.limit, q.scope, q.kinds)),
			lock: await lockRules(db, auth.teamId)
		});
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET']);
