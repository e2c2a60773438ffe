import { json } from '@sveltejs/kit';
import { writeOffRequestSchema } from '$lib/domain/write-off';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle, parseBody } from '$lib/server/http';
import { writeOff } from '$lib/server/write-off';
import type { RequestHandler } from './$types';

/** A device whose PIN is forgotten reports its unsent records lost, then erases itself. */
export const POST: RequestHandler = ({ request }) =>
	handle(async (db) => {
		// A revoked device may hand in; it may also say what it can no longer hand in.
		const auth = await deviceOf(db, request, { allowRevoked: true });
		const body = await parseBody(request, writeOffRequestSchema);
		return json(await writeOff(db, auth, body.ids, body.last));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
