import { json } from '@sveltejs/kit';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle } from '$lib/server/http';
import { deskStatus } from '$lib/server/needs/desk';
import type { RequestHandler } from './$types';

/** Whether this device may take requests at the desk (受理台). */
export const GET: RequestHandler = ({ request }) =>
	handle(async (db) => json(await deskStatus(db, await deviceOf(db, request))));

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET']);
