import { json } from '@sveltejs/kit';
import { pullQuerySchema } from '$lib/domain/api';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle, parseQuery } from '$lib/server/http';
import { pull } from '$lib/server/pull';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await deviceOf(db, request);
		const q = parseQuery(url, pullQuerySchema);
		return json(await pull(db, auth, q.cursor, q.limit, q.scope, q.kinds));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET']);
