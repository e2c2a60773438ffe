import { json } from '@sveltejs/kit';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle } from '$lib/server/http';
import { adminInvite } from '$lib/server/org/admin';
import type { RequestHandler } from './$types';

/** No body: makes a single-use invitation for another administrator. */
export const POST: RequestHandler = ({ request }) =>
	handle(async (db) => json({ invite: await adminInvite(db, await deviceOf(db, request)) }));

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
