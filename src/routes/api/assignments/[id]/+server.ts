import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { unassign } from '$lib/server/assignments';
import { methodNotAllowed } from '$lib/server/body';
import { deviceOf, handle, HttpError } from '$lib/server/http';
import type { RequestHandler } from './$types';

const idSchema = z.string().min(1).max(64);

/** Takes an assignment back; the device drops what it may no longer see on its next pull. */
export const DELETE: RequestHandler = ({ request, params }) =>
	handle(async (db) => {
		const auth = await deviceOf(db, request);
		const id = idSchema.safeParse(params.id);
		if (!id.success) throw new HttpError(400, 'id: expected an assignment id of 1–64 characters');
		return json(await unassign(db, auth, id.data));
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['DELETE']);
