import { keptTransfers, passedOnFresh, passedOnKept, type PassedOn } from '$lib/domain/needs/transfer-kept';
import type { Transfers } from '$lib/domain/needs/transfer-api';
import type { DoorstepDb } from './db';
import type { Session } from './session';
import { transfers } from './transfer.service';

/**
 * The server's answer on where this community's passed-on requests went replaces what the
 * device kept — on a lead's device only: a volunteer's never keeps it (the server refuses it
 * the list anyway, and nothing of the desk belongs on a volunteer's phone).
 */
export async function keepPassedOn(db: DoorstepDb, session: Session, data: Transfers, now = new Date()) {
	if (session.role !== 'lead') return;
	const rows = keptTransfers(data.outgoing, now.toISOString());
	await db.transaction('rw', db.needTransfers, async () => {
		await db.needTransfers.clear();
		await db.needTransfers.bulkPut(rows);
	});
}

/** What the last answer the device kept says (nothing when none was kept, or while locked). */
export async function keptPassedOn(db: DoorstepDb): Promise<PassedOn> {
	const rows = await db.needTransfers.toArray().catch(() => []);
	return passedOnKept(rows);
}

/**
 * The board's transfers: fresh from the server, kept for offline; when the server does not
 * answer, the incoming ones are unknown (they carry a phone: never kept) and the passed-on ones
 * come from the kept answer, with when it was seen. The error is the caller's to show.
 */
export async function loadTransfers(
	db: DoorstepDb,
	session: Session,
	fetch: (s: Session) => Promise<Transfers> = transfers
): Promise<{ data: Transfers; passedOn: PassedOn } | { error: unknown; passedOn: PassedOn }> {
	try {
		const data = await fetch(session);
		await keepPassedOn(db, session, data).catch(() => undefined);
		return { data, passedOn: passedOnFresh(data.outgoing) };
	} catch (error) {
		return { error, passedOn: await keptPassedOn(db) };
	}
}
