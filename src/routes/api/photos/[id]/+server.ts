import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { methodNotAllowed } from '$lib/server/body';
import { HttpError } from '$lib/server/errors';
import { deviceOf, handle, readCapped } from '$lib/server/http';
import { leadTeam } from '$lib/server/lead/team';
import { getPhoto, MAX_PHOTO_BYTES, putPhoto } from '$lib/server/photos/photos';
import type { RequestHandler } from './$types';

const photoId = z.uuid();

function idOf(raw: string): string {
	const parsed = photoId.safeParse(raw);
	if (!parsed.success) throw new HttpError(400, 'id: a photo id is a uuid');
	return parsed.data;
}

/**
 * A device hands in the photo its event names, as a raw JPEG body. Like a push, a revoked
 * device may still hand in what it recorded.
 */
export const PUT: RequestHandler = ({ request, params }) =>
	handle(async (db) => {
		const auth = await deviceOf(db, request, { allowRevoked: true });
		const id = idOf(params.id);
		const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
		if (type !== 'image/jpeg') throw new HttpError(415, 'content-type: a photo is sent as image/jpeg');
		const bytes = await readCapped(request, MAX_PHOTO_BYTES);
		const result = await putPhoto(db, auth, id, bytes);
		return json({ id, duplicate: result === 'duplicate' }, { status: result === 'stored' ? 201 : 200 });
	});

/** Only the team's leads see a photo (it may show a face, a door or a name on a receipt). */
export const GET: RequestHandler = ({ request, params, url }) =>
	handle(async (db) => {
		const auth = await deviceOf(db, request);
		const teamId = await leadTeam(db, auth, url.searchParams.get('team') ?? undefined);
		const id = idOf(params.id);
		const bytes = await getPhoto(db, teamId, id);
		if (!bytes) throw new HttpError(404, `id: no photo ${id}`);
		return new Response(bytes, {
			headers: {
				'content-type': 'image/jpeg',
				'content-length': String(bytes.length),
				'cache-control': 'private, max-age=86400',
				'x-content-type-options': 'nosniff'
			}
		});
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET', 'PUT']);
