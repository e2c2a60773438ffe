import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { residentSwitchSchema } from '$lib/domain/needs/resident-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, parseBody, parseQuery } from '$lib/server/http';
import { leadOf } from '$lib/server/lead/team';
import { residentSettings, switchResidentPage } from '$lib/server/needs/resident';
import type { RequestHandler } from './$types';

/** Whether the resident page is on, and each building's QR token. */
export const GET: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		return json(await residentSettings(db, auth, parseQuery(url, leadQuerySchema).team));
	});

export const POST: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		const body = await parseBody(request, residentSwitchSchema);
		return json(await switchResidentPage(db, auth, body.enabled, q.team));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET', 'POST']);
