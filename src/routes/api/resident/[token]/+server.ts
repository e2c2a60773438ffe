import { json } from '@sveltejs/kit';
import { residentAskSchema, residentTokenSchema } from '$lib/domain/needs/resident-api';
import { methodNotAllowed } from '$lib/server/body';
import { handle, HttpError, MAX_UNAUTH_BODY_BYTES, parseBody } from '$lib/server/http';
import { openBuilding, residentAsk, residentPage } from '$lib/server/needs/resident';
import { residentAddressAttempt, residentBuildingAttempt } from '$lib/server/needs/resident-limit';
import type { RequestHandler } from './$types';

/** A bad token is a 404 like an unknown one, and costs the address a point: tokens cannot be searched. */
async function token(raw: string, address: string): Promise<string> {
	const t = residentTokenSchema.safeParse(raw);
	if (t.success) return t.data;
	await residentAddressAttempt(address);
	throw new HttpError(404, 'token: this building code is not open for requests (ask your community)');
}

const lookup = async <T>(address: string, work: () => Promise<T>): Promise<T> => {
	try {
		return await work();
	} catch (err) {
		if (err instanceof HttpError && err.status === 404) await residentAddressAttempt(address);
		throw err;
	}
};

/** The building's rooms, for the resident to pick theirs: no names, no phones. */
export const GET: RequestHandler = ({ params, getClientAddress }) =>
	handle(async (db) => {
		const address = getClientAddress();
		const t = await token(params.token, address);
		return json(await lookup(address, () => residentPage(db, t)), { headers: { 'cache-control': 'no-store' } });
	});

/** A resident's request, into the lead's triage list; answers its reference number. */
export const POST: RequestHandler = ({ params, request, getClientAddress }) =>
	handle(async (db) => {
		const address = getClientAddress();
		const t = await token(params.token, address);
		const body = await parseBody(request, residentAskSchema, { maxBytes: MAX_UNAUTH_BODY_BYTES });
		await residentAddressAttempt(address);
		const building = await openBuilding(db, t);
		await residentBuildingAttempt(building.token);
		return json({ ref: await residentAsk(db, building, body) }, { status: 201 });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['GET', 'POST']);
