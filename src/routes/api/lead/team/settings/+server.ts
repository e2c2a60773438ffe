import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { settingsRequestSchema } from '$lib/domain/org-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, parseBody, parseQuery } from '$lib/server/http';
import { updateSettings } from '$lib/server/lead/invitations';
import { leadOf } from '$lib/server/lead/team';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		const body = await parseBody(request, settingsRequestSchema);
		return json(await updateSettings(db, auth, body, q.team));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
