import { json } from '@sveltejs/kit';
import { createTeamRequestSchema } from '$lib/domain/org-api';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle, parseBody } from '$lib/server/http';
import { adminCreateTeam } from '$lib/server/org/admin';
import { requireAdmin } from '$lib/server/roles';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) =>
	handle(async (db) => {
		const auth = await deviceOf(db, request);
		requireAdmin(auth);
		const body = await parseBody(request, createTeamRequestSchema);
		return json({ team: await adminCreateTeam(db, auth, body.name, body.approval) });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
