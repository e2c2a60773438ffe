import { json } from '@sveltejs/kit';
import { createOrderRequestSchema, leadQuerySchema } from '$lib/domain/lead-api';
import { handle, parseBody, parseQuery } from '$lib/server/http';
import { createOrder } from '$lib/server/lead/orders';
import { leadOf } from '$lib/server/lead/team';
import { methodNotAllowed } from '$lib/server/body';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		const body = await parseBody(request, createOrderRequestSchema);
		const done = await createOrder(db, auth, body, q.team);
		return json({ order: done.value }, { status: done.created ? 201 : 200 });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
