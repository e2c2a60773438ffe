import { json } from '@sveltejs/kit';
import { passNeedSchema } from '$lib/domain/needs/transfer-api';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle, parseBody } from '$lib/server/http';
import { passNeed } from '$lib/server/needs/transfer';
import { requireAdmin } from '$lib/server/roles';
import type { RequestHandler } from './$types';

/** The administrator passes an escalated request to another community of the organisation. */
export const POST: RequestHandler = ({ request }) =>
	handle(async (db) => {
		const auth = await deviceOf(db, request);
		requireAdmin(auth);
		return json(await passNeed(db, auth, await parseBody(request, passNeedSchema)));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
