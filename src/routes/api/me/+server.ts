import { json } from '@sveltejs/kit';
import { authenticate } from '$lib/server/auth';
import { methodNotAllowed } from '$lib/server/body';
import { handle } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Who this device is now; the one question a device waiting for approval may ask. */
export const GET: RequestHandler = ({ request }) =>
	handle(async (db) => {
		const auth = await authenticate(db, request.headers.get('authorization'), { allowPending: true });
		const team = await db.get<{ name: string }>('SELECT name FROM teams WHERE id = ?', [auth.teamId]);
		return json({
			deviceId: auth.deviceId,
			volunteer: auth.volunteer,
			role: auth.role,
			status: auth.status,
			team: { id: auth.teamId, name: team?.name ?? '' }
		});
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET']);
