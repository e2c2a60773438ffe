import { json } from '@sveltejs/kit';
import { enrolRequestSchema } from '$lib/domain/api';
import { enrol } from '$lib/server/auth';
import { methodNotAllowed } from '$lib/server/body';
import { handle, HttpError, MAX_UNAUTH_BODY_BYTES, parseBody } from '$lib/server/http';
import { atLeast, ENROL_FLOOR_MS, enrolAttempt } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, getClientAddress }) =>
	handle(async (db) => {
		const body = await parseBody(request, enrolRequestSchema, { maxBytes: MAX_UNAUTH_BODY_BYTES });
		const attempt = await enrolAttempt(getClientAddress(), body.code);
		const done = await atLeast(ENROL_FLOOR_MS, enrol(db, body.code, body.volunteer));
		if (!done) throw new HttpError(404, 'code: no team has this enrolment code (it may have been changed or expired)');
		await attempt.succeeded();
		return json({ ...done, volunteer: body.volunteer });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
