import { json } from '@sveltejs/kit';
import { createRoundRequestSchema, leadQuerySchema } from '$lib/domain/lead-api';
import { handle, parseBody, parseQuery } from '$lib/server/http';
import { createRound, listRounds } from '$lib/server/lead/rounds';
import { leadOf } from '$lib/server/lead/team';
import { methodNotAllowed } from '$lib/server/body';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		return json({ rounds: await listRounds(db, auth, q.team) });
	});

export const POST: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		const body = await parseBody(request, createRoundRequestSchema);
		const done = await createRound(db, auth, body, q.team);
		return json({ round: done.value }, { status: done.created ? 201 : 200 });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET', 'POST']);
