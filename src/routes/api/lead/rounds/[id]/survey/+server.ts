import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { editSurveyRequestSchema, roundIdParamSchema } from '$lib/domain/rounds/lead-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, HttpError, parseBody, parseQuery } from '$lib/server/http';
import { leadOf } from '$lib/server/lead/team';
import { editSurvey } from '$lib/server/rounds/lead-rounds';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = ({ request, url, params }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		const id = roundIdParamSchema.safeParse(params.id);
		if (!id.success) throw new HttpError(400, 'id: expected a round id of 1–64 characters');
		const body = await parseBody(request, editSurveyRequestSchema);
		return json({ round: await editSurvey(db, auth, id.data, body, q.team) });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['PUT']);
