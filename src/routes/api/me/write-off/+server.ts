import { json } from '@sveltejs/kit';
import { writeOffRequestSchema } from '$lib/domain/write-off';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle, parseBody } from '$lib/server/http';
import { fileWriteOff, writeOffStatus } from '$lib/server/write-off';
import type { RequestHandler } from './$types';

/**
 * A device whose PIN is forgotten asks its lead to approve the loss of its unsent records (ids
 * only); the last batch retires its token, which may then only hand in and ask (GET) how the
 * request stands.
 */
export const POST: RequestHandler = ({ request }) =>
	handle(async (db) => {
		// A revoked device may hand in; it may also say what it can no longer hand in.
		const auth = await deviceOf(db, request, { allowRevoked: true });
		const body = await parseBody(request, writeOffRequestSchema);
		return json(await fileWriteOff(db, auth, body.ids, body.last));
	});

export const GET: RequestHandler = ({ request }) =>
	handle(async (db) => json(await writeOffStatus(db, await deviceOf(db, request, { allowRevoked: true }))));

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET', 'POST']);
