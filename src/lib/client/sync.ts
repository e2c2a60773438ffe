import { pullResponseSchema, pushResponseSchema } from '$lib/domain/api';
import type { FieldEvent } from '$lib/domain/schemas';
import type { DoorstepDb } from './db';
import type { Session } from './session';

export const PUSH_BATCH = 200;
const TIMEOUT_MS = 20_000;

export class SyncError extends Error {
	constructor(
		message: string,
		readonly kind: 'offline' | 'auth' | 'server'
	) {
		super(message);
	}
}

async function call(session: Session, path: string, init: RequestInit = {}): Promise<unknown> {
	let res: Response;
	try {
		res = await fetch(path, {
			...init,
			headers: { ...init.headers, authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
			signal: AbortSignal.timeout(TIMEOUT_MS)
		});
	} catch {
		throw new SyncError('no connection to the server', 'offline');
	}
	const body: unknown = await res.json().catch(() => null);
	if (res.status === 401) throw new SyncError(errorText(body, 'device not recognised'), 'auth');
	if (!res.ok) throw new SyncError(errorText(body, `server answered ${res.status}`), 'server');
	return body;
}

const errorText = (body: unknown, fallback: string): string =>
	typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
		? (body as { error: string }).error
		: fallback;

export interface PushSummary {
	accepted: number;
	rejected: number;
}

/** Sends the outbox oldest first; deletes a row only for the server's answer about that id. */
export async function pushOutbox(db: DoorstepDb, session: Session): Promise<PushSummary> {
	const summary: PushSummary = { accepted: 0, rejected: 0 };
	for (;;) {
		const rows = await db.outbox.orderBy('id').limit(PUSH_BATCH).toArray();
		if (!rows.length) return summary;
		const events = (await db.events.bulkGet(rows.map((r) => r.id))).filter(
			(e): e is FieldEvent => e !== undefined
		);
		const pending = await db.outbox.count();
		const body = pushResponseSchema.parse(
			await call(session, '/api/sync/push', {
				method: 'POST',
				body: JSON.stringify({ events, pending })
			})
		);
		const sent = new Set(events.map((e) => e.id));
		const now = new Date().toISOString();
		await db.transaction('rw', db.outbox, db.events, db.rejected, async () => {
			for (const r of body.results) {
				if (!sent.has(r.id)) continue;
				if (r.status === 'rejected') {
					const event = await db.events.get(r.id);
					if (event) await db.rejected.put({ id: r.id, reason: r.reason ?? 'refused', at: now, event });
					await db.events.delete(r.id);
					summary.rejected++;
				} else {
					summary.accepted++;
				}
				await db.outbox.delete(r.id);
			}
		});
		const answered = new Set(body.results.map((r) => r.id));
		if (!rows.some((r) => answered.has(r.id))) {
			throw new SyncError('the server did not answer for the events sent', 'server');
		}
	}
}

/** Pulls every page since the stored cursor; each page and its cursor commit together. */
export async function pullChanges(db: DoorstepDb, session: Session): Promise<number> {
	let received = 0;
	for (;;) {
		const cursor = ((await db.meta.get('cursor'))?.value as number | undefined) ?? 0;
		const page = pullResponseSchema.parse(await call(session, `/api/sync/pull?cursor=${cursor}`));
		await db.transaction('rw', [db.meta, db.households, db.rounds, db.orders, db.assignments, db.events, db.rejected], async () => {
			await db.households.bulkPut(page.households);
			await db.rounds.bulkPut(page.rounds);
			await db.orders.bulkPut(page.orders);
			await db.assignments.bulkPut(page.assignments);
			await db.events.bulkPut(page.events);
			if (page.removedHouseholds.length) await db.households.bulkDelete(page.removedHouseholds);
			await db.meta.put({ key: 'cursor', value: page.cursor });
		});
		received += page.households.length + page.rounds.length + page.orders.length + page.assignments.length + page.events.length;
		if (!page.more) return received;
	}
}

/** One full exchange: push first so the pull brings back what the server made of it. */
export async function syncOnce(db: DoorstepDb, session: Session): Promise<PushSummary> {
	const summary = await pushOutbox(db, session);
	await pullChanges(db, session);
	await db.meta.put({ key: 'lastSync', value: new Date().toISOString() });
	return summary;
}
