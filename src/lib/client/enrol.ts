import { enrolResponseSchema } from '$lib/domain/api';
import type { DoorstepDb } from './db';
import { request } from './request';
import { saveSession, signOut, UnsentEventsError, type Session } from './session';

export { UnsentEventsError };

/**
 * Enrols this device. A device that is already enrolled is cleared first — but only once
 * everything it recorded has reached the server: with anything unsent, UnsentEventsError says
 * how many, and nothing changes (the caller syncs first and tries again).
 */
export async function enrolDevice(db: DoorstepDb, code: string, volunteer: string): Promise<Session> {
	const unsent = await db.outbox.count();
	if (unsent > 0) throw new UnsentEventsError(unsent);
	const session = await request('/api/enrol', enrolResponseSchema, { method: 'POST', body: { code, volunteer } });
	await signOut(db);
	await saveSession(db, session);
	return session;
}
