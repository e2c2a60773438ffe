import { json } from '@sveltejs/kit';
import { pushRequestSchema } from '$lib/domain/api';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle, parseBody } from '$lib/server/http';
import { pushEvents } from '$lib/server/push';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) =>
	handle(async (db) => {
		// A revoked device may still hand in what it recorded (then it erases residents' data).
		const auth = await deviceOf(db, request, { allowRevoked: true });
		const body = await parseBody(request, pushRequestSchema, { itemsJudgedAlone: 'events' });
		return json({ results: await pushEvents(db, auth, body.events, body.pending, body.clock) });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
