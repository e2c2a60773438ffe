import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { triageDecisionSchema, triageIdSchema } from '$lib/domain/needs/resident-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, HttpError, parseBody, parseQuery } from '$lib/server/http';
import { deskOf } from '$lib/server/needs/desk';
import { decideTriage } from '$lib/server/needs/resident';
import type { RequestHandler } from './$types';

/** The lead takes a resident's request onto the board, or rejects it as spam. */
export const POST: RequestHandler = ({ request, url, params }) =>
	handle(async (db) => {
		const auth = await deskOf(db, request, url);
		const q = parseQuery(url, leadQuerySchema);
		const id = triageIdSchema.safeParse(params.id);
		if (!id.success) throw new HttpError(400, 'id: not a resident request id');
		const body = await parseBody(request, triageDecisionSchema);
		return json(await decideTriage(db, auth, id.data, body.action, q.team));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
