import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { roundIdParamSchema } from '$lib/domain/rounds/lead-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, HttpError, parseQuery } from '$lib/server/http';
import { leadOf } from '$lib/server/lead/team';
import { closeRound } from '$lib/server/rounds/lead-rounds';
import type { RequestHandler } from './$types';

/** No body: the round id in the path is the whole request. */
export const POST: RequestHandler = ({ request, url, params }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		const id = roundIdParamSchema.safeParse(params.id);
		if (!id.success) throw new HttpError(400, 'id: expected a round id of 1–64 characters');
		return json({ round: await closeRound(db, auth, id.data, q.team) });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
