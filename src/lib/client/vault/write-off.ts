import { WRITE_OFF_MAX_IDS } from '$lib/domain/write-off';
import type { DoorstepDb } from '../db';
import { reportWrittenOff } from '../lock.service';
import { getSession } from '../session';
import type { Keyring } from './keyring';

/**
 * A forgotten PIN: what this device has not sent cannot be opened by anyone, so the volunteer
 * may write it off and enrol again. The server is told first — the unsent records' ids (the
 * outbox's keys, kept in clear; never what they hold), in batches, the last one retiring the
 * device's token — and only once it has answered is anything erased: offline, or refused,
 * this throws and the device stays as it was. Then every store goes, the wrapped key and the
 * session included. Resolves with how many records were lost.
 */
export async function writeOffAndErase(db: DoorstepDb, keyring: Keyring): Promise<number> {
	const session = await getSession(db);
	const ids = (await db.outbox.toCollection().primaryKeys()) as string[];
	let lost = 0;
	if (session) {
		for (let from = 0; from === 0 || from < ids.length; from += WRITE_OFF_MAX_IDS) {
			const batch = ids.slice(from, from + WRITE_OFF_MAX_IDS);
			const last = from + WRITE_OFF_MAX_IDS >= ids.length;
			lost += (await reportWrittenOff(session, { ids: batch, last })).lost;
		}
	}
	await db.transaction('rw', db.tables, async () => {
		await Promise.all(db.tables.map((t) => t.clear()));
	});
	keyring.reset();
	return lost;
}
