import type { EnrolResponse } from '$lib/domain/api';
import type { DoorstepDb } from './db';

export type Session = EnrolResponse;

export async function getSession(db: DoorstepDb): Promise<Session | undefined> {
	return (await db.meta.get('session'))?.value as Session | undefined;
}

export async function saveSession(db: DoorstepDb, session: Session): Promise<void> {
	await db.meta.put({ key: 'session', value: session });
}

export class UnsentEventsError extends Error {
	constructor(readonly count: number) {
		super(`${count} events are not synced`);
	}
}

/**
 * Clears the device, refusing while any recorded event has not reached the server. An earlier
 * enrolment's set-aside records (a forgotten PIN, vault/aside.ts) stay: only the lead's approval
 * or their hand-in removes them.
 */
export async function signOut(db: DoorstepDb): Promise<void> {
	await db.transaction('rw', db.tables, async () => {
		const unsent = await db.outbox.count();
		if (unsent > 0) throw new UnsentEventsError(unsent);
		await clearAllButAside(db);
	});
}

/**
 * Empties every store but the set-aside records (vault/aside.ts), inside the caller's transaction
 * over all of them. `meta` goes last: clearing the roster or the care fold writes a fresh stamp
 * into it (care-fold.ts, CARE_STAMP_KEY), which would otherwise outlive the clearing.
 */
export async function clearAllButAside(db: DoorstepDb): Promise<void> {
	await Promise.all(db.tables.filter((t) => t.name !== 'aside' && t.name !== 'meta').map((t) => t.clear()));
	await db.meta.clear();
}
