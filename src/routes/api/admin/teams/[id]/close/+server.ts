import { json } from '@sveltejs/kit';
import { teamParamSchema } from '$lib/domain/org-api';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle, HttpError } from '$lib/server/http';
import { adminCloseTeam } from '$lib/server/org/admin';
import type { RequestHandler } from './$types';

/** No body: the team id in the path is the whole request. */
export const POST: RequestHandler = ({ request, params }) =>
	handle(async (db) => {
		const auth = await deviceOf(db, request);
		const id = teamParamSchema.safeParse(params.id);
		if (!id.success) throw new HttpError(400, 'id: expected a team id of 1–64 characters');
		await adminCloseTeam(db, auth, id.data);
		return json({ id: id.data, closed: true });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
