import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import { authenticate, AuthError, PendingError, RevokedError, type DeviceAuth } from './auth';
import { HttpError } from './errors';
import type { Db } from './db';
import { hostileJson, MAX_BODY_DEPTH } from './hostile-json';
import { store } from './store';

/** What an authenticated endpoint reads at most: a push of 500 events is well below it. */
export const MAX_BODY_BYTES = 512 * 1024;

/**
 * What an endpoint reads before it knows who is calling (enrolment, setup): a code and a name
 * are under 200 bytes, so a few KB refuses a stranger's megabytes after the first chunk.
 */
export const MAX_UNAUTH_BODY_BYTES = 4 * 1024;

export { HttpError };

const issueList = (error: z.ZodError): string[] =>
	error.issues.slice(0, 20).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);

/**
 * What is thrown away after a refused body, at most, before the connection is cut: the client
 * is still sending when the 413 leaves, and cutting at once (adapter-node destroys the socket
 * on a cancel) resets the connection before it has read the answer. The same bound as the
 * adapter's own BODY_SIZE_LIMIT in scripts/start.js.
 */
const DISCARD_MAX_BYTES = 8 * 1024 * 1024;

/** Reads and drops the rest of a refused body, keeping nothing; stops at DISCARD_MAX_BYTES. */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
	let dropped = 0;
	try {
		while (dropped <= DISCARD_MAX_BYTES) {
			const { done, value } = await reader.read();
			if (done) return;
			dropped += value.byteLength;
		}
		await reader.cancel();
	} catch {
		// The adapter's own limit or a dropped connection: nothing left to drop.
	}
}

/**
 * The body's bytes, kept chunk by chunk and never past `maxBytes` (plus the chunk that crossed
 * it), whether it came with a content-length or chunked: the length header is only believed
 * when it already says too much. The 413 is answered at once; what is still arriving is read
 * and dropped in the background (see DISCARD_MAX_BYTES), never kept.
 */
export async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
	const tooBig = () => new HttpError(413, `body larger than ${maxBytes} bytes`);
	const reader = request.body?.getReader();
	if (Number(request.headers.get('content-length') ?? '0') > maxBytes) {
		if (reader) void discardRest(reader);
		throw tooBig();
	}
	if (!reader) return new Uint8Array();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > maxBytes) {
				chunks.length = 0;
				void discardRest(reader);
				throw tooBig();
			}
			chunks.push(value);
		}
	} catch (err) {
		if (err instanceof HttpError) throw err;
		// The adapter's own BODY_SIZE_LIMIT, or a body that dropped while it was arriving.
		if ((err as { status?: unknown } | null)?.status === 413) throw tooBig();
		throw new HttpError(400, 'the body could not be read');
	}
	return Buffer.concat(chunks);
}

export interface BodyLimits {
	/** Bytes read at most; MAX_BODY_BYTES unless the endpoint says otherwise. */
	maxBytes?: number;
	/**
	 * A top-level array whose items the endpoint judges one by one (a push's events: one
	 * hostile event is refused on its own, not with its batch), so the body check skips them.
	 */
	itemsJudgedAlone?: string;
}

/**
 * Reads and parses a JSON body with a size cap; every failure is a 4xx naming what is wrong:
 * a body past the cap, one that drops while arriving, bad JSON, nesting deeper than any real
 * request, a NUL character or an out-of-range number anywhere (see `hostileJson`), or a shape
 * the schema refuses.
 */
export async function parseBody<S extends z.ZodType>(
	request: Request,
	schema: S,
	limits: BodyLimits = {}
): Promise<z.infer<S>> {
	const bytes = await readCapped(request, limits.maxBytes ?? MAX_BODY_BYTES);
	let data: unknown;
	try {
		data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch {
		throw new HttpError(400, 'body is not valid JSON');
	}
	const hostile = hostileJson(data, MAX_BODY_DEPTH, limits.itemsJudgedAlone);
	if (hostile) throw new HttpError(400, hostile);
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
		if (err instanceof AuthError)
			return json({ error: err.message, ...(err instanceof RevokedError && { revoked: true }) }, { status: 401 });
		if (err instanceof PendingError) return json({ error: err.message, pending: true }, { status: 403 });
		console.error('request failed:', err instanceof Error ? err.message : 'unknown error');
		return json({ error: 'server error, try again' }, { status: 500 });
	}
}

export const deviceOf = (db: Db, request: Request, options?: { allowRevoked?: boolean }): Promise<DeviceAuth> =>
	authenticate(db, request.headers.get('authorization'), options);
