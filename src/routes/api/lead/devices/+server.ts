import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { handle, parseQuery } from '$lib/server/http';
import { listDevices } from '$lib/server/lead/devices';
import { leadOf } from '$lib/server/lead/team';
import { methodNotAllowed } from '$lib/server/body';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		return json({ devices: await listDevices(db, auth, q.team) });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET']);
