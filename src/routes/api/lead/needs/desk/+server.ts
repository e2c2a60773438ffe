import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { setDeskSchema } from '$lib/domain/needs/desk-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, parseBody, parseQuery } from '$lib/server/http';
import { leadOf } from '$lib/server/lead/team';
import { deskDevices, setDesk } from '$lib/server/needs/desk';
import type { RequestHandler } from './$types';

/** The team's volunteers marked as desk (受理台). */
export const GET: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		return json(await deskDevices(db, auth, parseQuery(url, leadQuerySchema).team));
	});

/** The lead marks a volunteer as desk, or takes it back. */
export const POST: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		const body = await parseBody(request, setDeskSchema);
		return json(await setDesk(db, auth, body.deviceId, body.desk, q.team));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET', 'POST']);
