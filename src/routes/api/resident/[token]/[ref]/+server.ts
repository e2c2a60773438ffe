import { json } from '@sveltejs/kit';
import { residentRatingSchema, residentRefSchema, residentTokenSchema } from '$lib/domain/needs/resident-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, HttpError, MAX_UNAUTH_BODY_BYTES, parseBody } from '$lib/server/http';
import { residentStatus } from '$lib/server/needs/resident';
import { residentAddressAttempt } from '$lib/server/needs/resident-limit';
import { residentRate } from '$lib/server/needs/resident-rating';
import type { RequestHandler } from './$types';

/** The state of a resident's request, by its building and reference number; a miss costs a point. */
export const GET: RequestHandler = ({ params, getClientAddress }) =>
	handle(async (db) => {
		const address = getClientAddress();
		try {
			const token = residentTokenSchema.safeParse(params.token);
			const ref = residentRefSchema.safeParse(params.ref);
			if (!token.success)
				throw new HttpError(404, 'token: this building code is not open for requests (ask your community)');
			if (!ref.success) throw new HttpError(404, 'ref: a reference number is 8 letters and digits');
			return json(await residentStatus(db, token.data, ref.data), { headers: { 'cache-control': 'no-store' } });
		} catch (err) {
			if (err instanceof HttpError && err.status === 404) await residentAddressAttempt(address);
			throw err;
		}
	});

/** The resident's rating of their done request, once; every try takes a point, like an ask. */
export const POST: RequestHandler = ({ params, request, getClientAddress }) =>
	handle(async (db) => {
		const address = getClientAddress();
		const token = residentTokenSchema.safeParse(params.token);
		const ref = residentRefSchema.safeParse(params.ref);
		await residentAddressAttempt(address);
		if (!token.success)
			throw new HttpError(404, 'token: this building code is not open for requests (ask your community)');
		if (!ref.success) throw new HttpError(404, 'ref: a reference number is 8 letters and digits');
		const body = await parseBody(request, residentRatingSchema, { maxBytes: MAX_UNAUTH_BODY_BYTES });
		return json(await residentRate(db, token.data, ref.data, body), { status: 201 });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET', 'POST']);
