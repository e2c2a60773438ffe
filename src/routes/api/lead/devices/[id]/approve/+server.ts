import { json } from '@sveltejs/kit';
import { deviceIdParamSchema, leadQuerySchema } from '$lib/domain/lead-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, HttpError, parseQuery } from '$lib/server/http';
import { approveDevice } from '$lib/server/lead/devices';
import { leadOf } from '$lib/server/lead/team';
import type { RequestHandler } from './$types';

/** No body: the device id in the path is the whole request. */
export const POST: RequestHandler = ({ request, url, params }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		const id = deviceIdParamSchema.safeParse(params.id);
		if (!id.success) throw new HttpError(400, 'id: expected a device id of 1–64 characters');
		return json({ device: await approveDevice(db, auth, id.data, q.team) });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
