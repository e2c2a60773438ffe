import type { FieldEvent } from '$lib/domain/schemas';
import { WRITE_OFF_MAX_IDS } from '$lib/domain/constants';
import type { DoorstepDb } from '../db';
import { askWriteOff, writeOffStatus } from '../lock.service';
import { clearAllButAside, getSession, type Session } from '../session';
import { nextTryAt, waitAfter } from './backoff';
import type { Keyring } from './keyring';
import { unwrapKey, WrongPinError, type WrappedKey } from './pin-key';
import { open } from './sealed-fields';

/**
 * A forgotten PIN (issue 9). Nobody can open what the phone has not sent, so the volunteer asks
 * the lead to approve the loss, and is not stuck meanwhile: the unsent records are set aside
 * exactly as they are stored — sealed under the old data key, with that key wrapped under the
 * old PIN — in the `aside` table (a table the sealing middleware does not touch: its rows are
 * already sealed). Everything else is erased and the phone enrols again under a new token and a
 * new PIN. The old token, retired by the request, may still hand in and ask how the request
 * stands, never read. Then:
 * - the lead approves: the next check (settleAside, after every sync and when the panel shows)
 *   erases the set-aside records, and only them;
 * - the lead refuses: they stay, sealed, and the panel says so;
 * - the volunteer remembers the old PIN (before or after a decision): handInAside opens them and
 *   pushes them with the old token, so nothing is lost; the lead's count goes down as they land.
 */
export interface AsideRow {
	/** The old enrolment's device id. */
	deviceId: string;
	/** The old enrolment (its token is hand-in only now). */
	session: Session;
	/** The old data key, wrapped under the old PIN. */
	pinKey: WrappedKey;
	/** The unsent events' rows as IndexedDB held them: clear index fields and `sealed`. */
	events: Record<string, unknown>[];
	status: 'pending' | 'refused';
	askedAt: string;
	/** Wrong old PINs in a row and when the next try is allowed (the lock screen's back-off). */
	fails: number;
	retryAt: number;
}

/** The stored rows for these keys, read below Dexie, so the sealing middleware leaves them sealed. */
function rawRows(db: DoorstepDb, table: string, ids: string[]): Promise<Record<string, unknown>[]> {
	const idb = db.backendDB();
	return new Promise((resolve, reject) => {
		const tx = idb.transaction(table, 'readonly');
		const store = tx.objectStore(table);
		const rows: Record<string, unknown>[] = [];
		for (const id of ids) {
			const req = store.get(id);
			req.onsuccess = () => {
				if (req.result) rows.push(req.result as Record<string, unknown>);
			};
		}
		tx.oncomplete = () => resolve(rows);
		tx.onerror = () => reject(tx.error ?? new Error(`reading ${table} failed`));
	});
}

/**
 * Asks the lead to approve the loss of the unsent records (their ids, in batches; the last one
 * retires the token), then sets them aside and erases the rest, in one transaction. The server
 * first: offline or refused, this throws and the phone stays as it was. Resolves with how many
 * records were set aside. With nothing unsent (or all of it already on the server) the phone is
 * simply erased (the token retired).
 */
export async function askAndSetAside(db: DoorstepDb, keyring: Keyring): Promise<number> {
	await db.open();
	const session = await getSession(db);
	const ids = (await db.outbox.toCollection().primaryKeys()) as string[];
	const pinKey = (await db.meta.get('pinKey'))?.value as WrappedKey | undefined;
	const events = await rawRows(db, 'events', ids);
	let lost = 0;
	if (session) {
		for (let from = 0; from === 0 || from < ids.length; from += WRITE_OFF_MAX_IDS) {
			const last = from + WRITE_OFF_MAX_IDS >= ids.length;
			lost += (await askWriteOff(session, { ids: ids.slice(from, from + WRITE_OFF_MAX_IDS), last })).lost;
		}
	}
	await db.transaction('rw', db.tables, async () => {
		await clearAllButAside(db);
		// Nothing missing on the server (every acknowledgement was only lost): nothing to keep.
		if (session && pinKey && events.length && lost > 0)
			await db.aside.put({
				deviceId: session.deviceId,
				session,
				pinKey,
				events,
				status: 'pending',
				askedAt: new Date().toISOString(),
				fails: 0,
				retryAt: 0
			});
	});
	keyring.reset();
	return lost > 0 ? events.length : 0;
}

/**
 * Asks the server how each set-aside request stands: approved, its records are erased; refused,
 * the row says so and keeps them. Only the lead's approval erases: a store that knows no request
 * (restored from a backup older than it) leaves the row for the old PIN to hand in. Offline or
 * any error leaves every row as it is.
 */
export async function settleAside(db: DoorstepDb): Promise<void> {
	for (const row of await db.aside.toArray()) {
		const { status } = await writeOffStatus(row.session);
		if (status === 'approved') await db.aside.delete(row.deviceId);
		else if (status === 'refused' && row.status !== 'refused') await db.aside.update(row.deviceId, { status });
	}
}

export type HandInResult = { ok: true; refused: number } | { ok: false; wrongPin: boolean; retryAt: number };

/** Opens one stored row with the old key (a row from before the PIN is clear already). */
function openRow(key: Uint8Array, row: Record<string, unknown>): FieldEvent {
	const { sealed, ...clear } = row;
	const secret = sealed instanceof Uint8Array ? (open(key, sealed) as Record<string, unknown>) : {};
	// The server judges each event as it judges any push; the device wrote it, so it fits.
	return { ...clear, ...secret } as FieldEvent;
}

/**
 * The old PIN remembered: opens the set-aside records and hands them in with the old token.
 * Records the server took (or had) leave the row; refused ones stay (the lead still sees them
 * as unsent); an empty row goes. A wrong PIN counts and waits like the lock screen's, but
 * never erases anything: these records are never destroyed unsent.
 */
export async function handInAside(
	db: DoorstepDb,
	deviceId: string,
	pin: string,
	now = Date.now()
): Promise<HandInResult> {
	const row = await db.aside.get(deviceId);
	if (!row) return { ok: true, refused: 0 };
	const retryAt = nextTryAt(row.retryAt || undefined, row.fails, now);
	if (retryAt > now) return { ok: false, wrongPin: false, retryAt };
	let key: Uint8Array;
	try {
		key = await unwrapKey(row.pinKey, pin);
	} catch (err) {
		if (!(err instanceof WrongPinError)) throw err;
		const fails = row.fails + 1;
		const next = now + waitAfter(fails);
		await db.aside.update(deviceId, { fails, retryAt: next });
		return { ok: false, wrongPin: true, retryAt: next };
	}
	try {
		const events = row.events.map((r) => openRow(key, r));
		const { push, PUSH_BATCH } = await import('../sync');
		const taken = new Set<string>();
		for (let i = 0; i < events.length; i += PUSH_BATCH) {
			const body = await push(row.session, events.slice(i, i + PUSH_BATCH), events.length - taken.size);
			for (const r of body.results) if (r.status !== 'rejected') taken.add(r.id);
		}
		const left = row.events.filter((r) => !taken.has(r.id as string));
		if (left.length) await db.aside.update(deviceId, { events: left, fails: 0, retryAt: 0 });
		else await db.aside.delete(deviceId);
		return { ok: true, refused: left.length };
	} finally {
		key.fill(0);
	}
}
