import { json } from '@sveltejs/kit';
import { deviceIdParamSchema, leadQuerySchema } from '$lib/domain/lead-api';
import { writeOffDecisionSchema } from '$lib/domain/write-off';
import { methodNotAllowed } from '$lib/server/body';
import { handle, HttpError, parseBody, parseQuery } from '$lib/server/http';
import { leadOf } from '$lib/server/lead/team';
import { decideWriteOff } from '$lib/server/write-off';
import type { RequestHandler } from './$types';

/** The lead approves or refuses a forgotten-PIN device's request to write off its unsent records. */
export const POST: RequestHandler = ({ request, url, params }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		const id = deviceIdParamSchema.safeParse(params.id);
		if (!id.success) throw new HttpError(400, 'id: expected a device id of 1–64 characters');
		const body = await parseBody(request, writeOffDecisionSchema);
		return json({ device: await decideWriteOff(db, auth, id.data, body.approve, q.team) });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
