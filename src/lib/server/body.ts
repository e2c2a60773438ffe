import { json } from '@sveltejs/kit';

/** An answer for a method the endpoint does not have, in JSON like every other refusal. */
export function methodNotAllowed(request: Request, allowed: string[]): Response {
	return json(
		{ error: `${request.method} is not allowed here; use ${allowed.join(' or ')}` },
		{ status: 405, headers: { allow: allowed.join(', ') } }
	);
}
