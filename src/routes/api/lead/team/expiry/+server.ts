import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { expiryRequestSchema } from '$lib/domain/org-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, parseBody, parseQuery } from '$lib/server/http';
import { setExpiry } from '$lib/server/lead/invitations';
import { leadOf } from '$lib/server/lead/team';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		const body = await parseBody(request, expiryRequestSchema);
		return json(await setExpiry(db, auth, body.role, body.validHours, q.team));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
