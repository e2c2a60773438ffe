import { json } from '@sveltejs/kit';
import { enrolRequestSchema } from '$lib/domain/api';
import { enrol } from '$lib/server/auth';
import { methodNotAllowed } from '$lib/server/body';
import { handle, HttpError, MAX_UNAUTH_BODY_BYTES, parseBody } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) =>
	handle(async (db) => {
		const body = await parseBody(request, enrolRequestSchema, { maxBytes: MAX_UNAUTH_BODY_BYTES });
		const done = await enrol(db, body.code, body.volunteer);
		if (!done) throw new HttpError(404, 'code: no team has this enrolment code');
		return json({ ...done, volunteer: body.volunteer });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
