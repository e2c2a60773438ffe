import { json } from '@sveltejs/kit';
import { leadQuerySchema } from '$lib/domain/lead-api';
import { transferStepSchema } from '$lib/domain/needs/transfer-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, parseBody, parseQuery } from '$lib/server/http';
import { leadOf } from '$lib/server/lead/team';
import { stepTransfer, transfers } from '$lib/server/needs/transfer';
import type { RequestHandler } from './$types';

/** Requests the office passed to this community, and where this community's went. */
export const GET: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		return json(await transfers(db, auth, parseQuery(url, leadQuerySchema).team));
	});

/** The receiving lead takes a passed request on, or says it is done or not done. */
export const POST: RequestHandler = ({ request, url }) =>
	handle(async (db) => {
		const auth = await leadOf(db, request);
		const q = parseQuery(url, leadQuerySchema);
		const body = await parseBody(request, transferStepSchema);
		return json(await stepTransfer(db, auth, body.from, body.needId, body.state, q.team));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET', 'POST']);
