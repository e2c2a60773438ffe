import { json } from '@sveltejs/kit';
import { setupRequestSchema } from '$lib/domain/org-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, MAX_UNAUTH_BODY_BYTES, parseBody } from '$lib/server/http';
import { completeSetup } from '$lib/server/org/setup';
import { atLeast, ENROL_FLOOR_MS, enrolAttempt } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

/** Unauthenticated like enrolment: small body, same rate limit, same answer time. */
export const POST: RequestHandler = ({ request, getClientAddress }) =>
	handle(async (db) => {
		const body = await parseBody(request, setupRequestSchema, { maxBytes: MAX_UNAUTH_BODY_BYTES });
		const attempt = await enrolAttempt(getClientAddress(), 'setup');
		const done = await atLeast(ENROL_FLOOR_MS, completeSetup(db, body));
		await attempt.succeeded();
		return json({
			deviceId: done.admin.deviceId,
			token: done.admin.token,
			volunteer: body.adminName,
			role: 'admin',
			status: 'active',
			team: { id: done.admin.teamId, name: done.admin.teamName },
			org: done.org,
			communities: done.communities
		});
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
