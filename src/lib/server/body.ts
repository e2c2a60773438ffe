import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import { HttpError, MAX_BODY_BYTES, parseBody } from './http';

/**
 * parseBody, plus the failures that happen while the body is still arriving: a body sent
 * without a length (chunked) that grows past the server's limit, or a connection that drops
 * mid-body. The adapter reports those as errors thrown from `request.text()`, which would
 * otherwise surface as a 500.
 */
export async function readBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
	try {
		return await parseBody(request, schema);
	} catch (err) {
		if (err instanceof HttpError) throw err;
		const status = (err as { status?: unknown } | null)?.status;
		if (status === 413) throw new HttpError(413, `body larger than ${MAX_BODY_BYTES} bytes`);
		throw new HttpError(400, 'the body could not be read');
	}
}

/** An answer for a method the endpoint does not have, in JSON like every other refusal. */
export function methodNotAllowed(request: Request, allowed: string[]): Response {
	return json(
		{ error: `${request.method} is not allowed here; use ${allowed.join(' or ')}` },
		{ status: 405, headers: { allow: allowed.join(', ') } }
	);
}
