import { json } from '@sveltejs/kit';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle } from '$lib/server/http';
import { overview } from '$lib/server/org/overview';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request }) =>
	handle(async (db) => json(await overview(db, await deviceOf(db, request))));

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET']);
