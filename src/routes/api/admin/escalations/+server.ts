import { json } from '@sveltejs/kit';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle } from '$lib/server/http';
import { escalations } from '$lib/server/needs/transfer';
import type { RequestHandler } from './$types';

/** The escalated requests of every community of the administrator's organisation (least data). */
export const GET: RequestHandler = ({ request }) =>
	handle(async (db) => json(await escalations(db, await deviceOf(db, request))));

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET']);
