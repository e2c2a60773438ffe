import { json } from '@sveltejs/kit';
import { renameTeamRequestSchema, teamParamSchema } from '$lib/domain/org-api';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle, HttpError, parseBody } from '$lib/server/http';
import { adminRenameTeam } from '$lib/server/org/admin';
import { requireAdmin } from '$lib/server/roles';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = ({ request, params }) =>
	handle(async (db) => {
		const auth = await deviceOf(db, request);
		requireAdmin(auth);
		const id = teamParamSchema.safeParse(params.id);
		if (!id.success) throw new HttpError(400, 'id: expected a team id of 1–64 characters');
		const body = await parseBody(request, renameTeamRequestSchema);
		await adminRenameTeam(db, auth, id.data, body.name);
		return json({ id: id.data, name: body.name });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['PATCH']);
