import type { z } from 'zod';
import { request, RequestError } from './request';
import type { Session } from './session';

/** Kept for the screens written before request(): an ApiError is a RequestError. */
export { RequestError as ApiError };

/** An authenticated call whose answer is parsed. */
export function api<S extends z.ZodType>(
	session: Session,
	path: string,
	schema: S,
	init: { method?: string; body?: unknown } = {}
): Promise<z.infer<S>> {
	return request(path, schema, { ...init, token: session.token });
}
