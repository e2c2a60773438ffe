import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import { authenticate, AuthError, PendingError, type DeviceAuth } from './auth';
import { HttpError } from './errors';
import type { Db } from './db';
import { store } from './store';

export const MAX_BODY_BYTES = 512 * 1024;

export { HttpError };

const issueList = (error: z.ZodError): string[] =>
	error.issues.slice(0, 20).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);

/**
 * Reads and parses a JSON body with a size cap; every failure is a 4xx naming what is wrong,
 * including a body that grows past the server's limit or drops while it is still arriving,
 * which the adapter reports as an error thrown from `request.text()`.
 */
export async function parseBody<S extends z.ZodType>(
	request: Request,
	schema: S,
	maxBytes = MAX_BODY_BYTES
): Promise<z.infer<S>> {
	const tooBig = () => new HttpError(413, `body larger than ${maxBytes} bytes`);
	if (Number(request.headers.get('content-length') ?? '0') > maxBytes) throw tooBig();
	let text: string;
	try {
		text = await request.text();
	} catch (err) {
		if ((err as { status?: unknown } | null)?.status === 413) throw tooBig();
		throw new HttpError(400, 'the body could not be read');
	}
	// Bytes, not characters: a name in Chinese is three bytes a character.
	if (Buffer.byteLength(text) > maxBytes) throw tooBig();
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		throw new HttpError(400, 'body is not valid JSON');
	}
	const parsed = schema.safeParse(data);
	if (!parsed.success) throw new HttpError(400, 'body does not match the expected shape', issueList(parsed.error));
	return parsed.data;
}

export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.infer<S> {
	const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) throw new HttpError(400, 'query does not match the expected shape', issueList(parsed.error));
	return parsed.data;
}

/** Wraps an endpoint: opens the store, turns known errors into JSON answers, hides the rest. */
export async function handle(fn: (db: Db) => Promise<Response>): Promise<Response> {
	try {
		return await fn(await store());
	} catch (err) {
		if (err instanceof HttpError) {
			return json({ error: err.message, issues: err.issues }, { status: err.status, headers: err.headers });
		}
		if (err instanceof AuthError) return json({ error: err.message }, { status: 401 });
		if (err instanceof PendingError) return json({ error: err.message, pending: true }, { status: 403 });
		console.error('request failed:', err instanceof Error ? err.message : 'unknown error');
		return json({ error: 'server error, try again' }, { status: 500 });
	}
}

export const deviceOf = (db: Db, request: Request): Promise<DeviceAuth> =>
	authenticate(db, request.headers.get('authorization'));
