import type { z } from 'zod';

/**
 * Why a call to the server did not give an answer to use:
 * - `offline`: no connection (or no answer in time) — try again with signal;
 * - `unauthorised`: the device's token is unknown (401);
 * - `revoked`: the lead revoked this device (401 with `revoked`): it may still push, never pull;
 * - `pending`: the device waits for the lead's approval (403 with `pending`);
 * - `refused`: the server understood and said no, with its reasons (other 4xx);
 * - `server`: the server failed (5xx) or answered something unreadable.
 */
export type RequestErrorKind = 'offline' | 'unauthorised' | 'revoked' | 'pending' | 'refused' | 'server';

export class RequestError extends Error {
	constructor(
		readonly kind: RequestErrorKind,
		message: string,
		readonly status = 0,
		readonly reasons: string[] = []
	) {
		super(message);
	}
}

export interface RequestOptions {
	method?: string;
	body?: unknown;
	/** photos (issues 10, 12): bytes sent as they are (a JPEG), instead of a JSON body. */
	bytes?: Blob;
	/** The device's bearer token; enrolment and setup have none. */
	token?: string;
	timeoutMs?: number;
}

/** Sends the call and turns every failure into a RequestError; a 2xx answer is returned unread. */
async function send(path: string, options: RequestOptions): Promise<Response> {
	const headers: Record<string, string> = {
		'content-type': options.bytes ? options.bytes.type || 'application/octet-stream' : 'application/json'
	};
	if (options.token) headers.authorization = `Bearer ${options.token}`;
	let res: Response;
	try {
		res = await fetch(path, {
			method: options.method ?? 'GET',
			headers,
			body: options.bytes ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
			signal: AbortSignal.timeout(options.timeoutMs ?? 30_000)
		});
	} catch {
		throw new RequestError('offline', 'no connection to the server');
	}
	if (res.ok) return res;
	const body: unknown = await res.json().catch(() => null);
	const b = (body ?? {}) as { error?: string; issues?: string[]; pending?: boolean; revoked?: boolean };
	const message = [b.error, ...(b.issues ?? [])].filter(Boolean).join('; ') || `HTTP ${res.status}`;
	const kind: RequestErrorKind =
		res.status === 401
			? b.revoked
				? 'revoked'
				: 'unauthorised'
			: b.pending
				? 'pending'
				: res.status >= 500
					? 'server'
					: 'refused';
	throw new RequestError(kind, message, res.status, b.issues ?? []);
}

/** The one way the app calls its server: JSON in, a parsed answer or a RequestError out. */
export async function request<S extends z.ZodType>(
	path: string,
	schema: S,
	options: RequestOptions = {}
): Promise<z.infer<S>> {
	const res = await send(path, options);
	const body: unknown = await res.json().catch(() => null);
	const parsed = schema.safeParse(body);
	if (!parsed.success)
		throw new RequestError('server', 'the server answered something this app cannot read; update the app', res.status);
	return parsed.data;
}

/** The same call for an answer that is not JSON (a photo): its bytes, or a RequestError. */
export async function requestBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
	const res = await send(path, options);
	try {
		return await res.blob();
	} catch {
		throw new RequestError('offline', 'the answer was cut off');
	}
}

/**
 * What a screen shows for a failed call, in the user's language. `t` is the screen's translate
 * function, so this module stays free of the i18n store.
 */
export function describeError(
	err: unknown,
	t: (key: string, options?: { values: Record<string, string> }) => string
): string {
	if (err instanceof RequestError) {
		if (err.kind === 'offline') return t('errors.offline');
		if (err.kind === 'unauthorised') return t('errors.unauthorised');
		if (err.kind === 'revoked') return t('errors.revoked');
		if (err.kind === 'pending') return t('errors.pending');
		if (err.kind === 'server') return t('errors.server');
		return t('errors.refused', { values: { reason: err.message } });
	}
	return t('errors.refused', { values: { reason: err instanceof Error ? err.message : String(err) } });
}

/** Runs a screen's call: '' when it worked, else what to show for the failure (describeError). */
export async function attempt(
	work: () => Promise<unknown>,
	t: (key: string, options?: { values: Record<string, string> }) => string
): Promise<string> {
	try {
		await work();
		return '';
	} catch (err) {
		return describeError(err, t);
	}
}
