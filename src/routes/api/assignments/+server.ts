import { json } from '@sveltejs/kit';
import { assignRequestSchema } from '$lib/domain/api';
import { assign, listAssignments } from '$lib/server/assignments';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle, parseBody } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The lead's team assignments. */
export const GET: RequestHandler = ({ request }) =>
	handle(async (db) => {
		const auth = await deviceOf(db, request);
		return json({ assignments: await listAssignments(db, auth) });
	});

/** Assigns a building or unit to a volunteer device: 201 when new, 200 when it already had it. */
export const POST: RequestHandler = ({ request }) =>
	handle(async (db) => {
		const auth = await deviceOf(db, request);
		const body = await parseBody(request, assignRequestSchema);
		const done = await assign(db, auth, body);
		return json(done, { status: done.created ? 201 : 200 });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET', 'POST']);
