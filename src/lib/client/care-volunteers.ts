import { compareLabel } from '$lib/domain/layout';
import type { LeadDevice } from '$lib/domain/lead-api';
import type { DoorstepDb } from './db';
import { devices } from './org.service';
import { RequestError } from './request';
import type { Session } from './session';

/** A volunteer the lead can pair a person with. */
export interface PairingVolunteer {
	id: string;
	volunteer: string;
}

const pairable = (d: LeadDevice) => d.role === 'volunteer' && !d.revokedAt && d.status === 'active';

/**
 * Fetches the team's active volunteers and keeps them on the lead's device (sealed, like every
 * name), so the ledger's pairing works offline from the last sync, as the coverage screen does.
 */
export async function refreshVolunteers(db: DoorstepDb, session: Session): Promise<PairingVolunteer[]> {
	const list = (await devices(session)).filter(pairable).map((d) => ({ id: d.id, volunteer: d.volunteer }));
	await db.transaction('rw', db.careVolunteers, async () => {
		await db.careVolunteers.clear();
		await db.careVolunteers.bulkPut(list);
	});
	return list;
}

/**
 * The volunteers to pair with: fresh from the server when it answers, else the list the last
 * sync kept (`cached`). With no connection and nothing kept, the connection error stands.
 */
export async function volunteersForPairing(
	db: DoorstepDb,
	session: Session
): Promise<{ list: PairingVolunteer[]; cached: boolean }> {
	try {
		return { list: await refreshVolunteers(db, session), cached: false };
	} catch (err) {
		if (!(err instanceof RequestError) || (err.kind !== 'offline' && err.kind !== 'server')) throw err;
		const list = await db.careVolunteers.toArray();
		if (!list.length) throw err;
		return { list: list.sort((a, b) => compareLabel(a.volunteer, b.volunteer)), cached: true };
	}
}
