import type { z } from 'zod';
import type { Session } from './session';

export class ApiError extends Error {
	constructor(
		message: string,
		readonly status: number
	) {
		super(message);
	}
}

/** An authenticated call whose answer is parsed; status 0 means no connection. */
export async function api<S extends z.ZodType>(
	session: Session,
	path: string,
	schema: S,
	init: { method?: string; body?: unknown } = {}
): Promise<z.infer<S>> {
	let res: Response;
	try {
		res = await fetch(path, {
			method: init.method ?? 'GET',
			headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
			signal: AbortSignal.timeout(30_000)
		});
	} catch {
		throw new ApiError('no connection to the server', 0);
	}
	const body: unknown = await res.json().catch(() => null);
	if (!res.ok) {
		const b = body as { error?: string; issues?: string[] } | null;
		throw new ApiError([b?.error, ...(b?.issues ?? [])].filter(Boolean).join('; ') || `HTTP ${res.status}`, res.status);
	}
	return schema.parse(body);
}
