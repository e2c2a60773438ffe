import { authenticate, type DeviceAuth } from '../auth';
import type { Db } from '../db';
import { pull } from '../pull';
import { pushEvents } from '../push';

export interface SyncFetchOptions {
	/** Rows a pull page holds at most (small, so a test crosses pages). */
	page?: number;
	/** The kinds the server hears from the query (a server newer than the build drops some). */
	kinds?: (sent: string | undefined) => string | undefined;
	/** Runs first on every call: throw to drop the connection, or answer in the server's stead. */
	before?: () => Response | null;
	/** Runs after a push is stored and before it is answered: throw to lose the answer. */
	afterPush?: () => void;
	/** Runs before each pull is answered, so after the device committed the page before. */
	beforePull?: () => Promise<void>;
	/** Answers another path (photos), or null to fall through to the pull. */
	other?: (url: URL, auth: DeviceAuth, init?: RequestInit) => Promise<Response | null>;
}

/**
 * A `fetch` for the client's sync code that answers push and pull from a real server store
 * in-process: only HTTP is replaced, so the client specs run against the server's own rules.
 * `store` is read at each call (specs open a fresh store per test).
 */
export function syncFetch(store: () => Db, options: SyncFetchOptions = {}) {
	const { page = 50, kinds = (sent) => sent, before, afterPush, beforePull, other } = options;
	return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
		const instead = before?.();
		if (instead) return instead;
		const server = store();
		const url = new URL(String(input), 'http://localhost');
		const auth = await authenticate(server, new Headers(init?.headers).get('authorization'));
		if (url.pathname === '/api/sync/push') {
			const body = JSON.parse(String(init?.body)) as { events: unknown[]; pending?: number };
			const results = await pushEvents(server, auth, body.events, body.pending);
			afterPush?.();
			return Response.json({ results });
		}
		const answered = await other?.(url, auth, init);
		if (answered) return answered;
		await beforePull?.();
		const q = (n: string) => Number(url.searchParams.get(n) ?? 0);
		const sent = kinds(url.searchParams.get('kinds') ?? undefined);
		return Response.json(await pull(server, auth, q('cursor'), page, q('scope'), sent));
	};
}
