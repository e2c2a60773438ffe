import { CARE_TODAY_KEY } from '../care-today';
import type { DoorstepDb } from '../db';
import { CLEAR_FIELDS, type Keyring } from './keyring';
import { nextTryAt, waitAfter } from './backoff';
import { createPrfKey, unwrapWithPrf, type PrfWrappedKey } from './prf-key';
import { checkPin, createKey, unwrapKey, wrapKey, WrongPinError, type WrappedKey } from './pin-key';

/** Wrong PINs in a row before residents' data leaves the device. */
export const MAX_PIN_FAILS = 10;

/** The stores whose rows carry residents' fields. */
const SEALED_STORES = (db: DoorstepDb) => Object.keys(CLEAR_FIELDS).map((name) => db.table(name));

/**
 * The sealed stores a wipe keeps: the events (only the unsent ones stay), what the server
 * refused, and the photos that follow their events. Everything else sealed goes.
 */
export const KEPT_THROUGH_WIPE: ReadonlySet<string> = new Set(['events', 'rejected', 'photos']);

/** True once this device has a PIN (it then starts locked). */
export async function hasPin(db: DoorstepDb): Promise<boolean> {
	return (await db.meta.get('pinKey')) !== undefined;
}

/**
 * Sets the device's PIN: makes a data key, stores it wrapped, then seals in place every row
 * already on the device (a database from before the PIN, unsent events included) in one
 * transaction. The wrapped key is stored before anything is sealed with it, so no row is ever
 * sealed under a key the device does not keep; should the sealing fail, clear rows stay
 * readable (the keyring reads both) and are sealed when next written.
 */
export async function setPin(
	db: DoorstepDb,
	keyring: Keyring,
	pin: string,
	minLength?: number,
	iterations?: number
): Promise<void> {
	const { key, stored } = await createKey(pin, minLength, iterations);
	await db.meta.bulkPut([
		{ key: 'pinKey', value: stored },
		{ key: 'pinFails', value: 0 }
	]);
	await db.meta.delete('pinRetryAt');
	keyring.unlock(key);
	await db.transaction('rw', SEALED_STORES(db), async () => {
		for (const table of SEALED_STORES(db)) await table.bulkPut(await table.toArray());
	});
}

/**
 * A new PIN for the open data key (the lead asked for a longer one): the same key, wrapped again
 * under the new PIN, so nothing sealed needs sealing again. The old PIN opens nothing after this.
 */
export async function changePin(
	db: DoorstepDb,
	keyring: Keyring,
	pin: string,
	minLength?: number,
	iterations?: number
): Promise<void> {
	checkPin(pin, minLength);
	const stored = await wrapKey(keyring.openKey(), pin, iterations);
	await db.meta.put({ key: 'pinKey', value: stored });
}

export type UnlockResult =
	| { ok: true }
	| { ok: false; left: number; wiped: boolean; retryAt: number }
	| { ok: false; waiting: true; left: number; retryAt: number };

/** Wrong PINs in a row so far, and when the next try is allowed (ms since the epoch). */
export async function pinTries(db: DoorstepDb, now = Date.now()): Promise<{ fails: number; retryAt: number }> {
	const fails = ((await db.meta.get('pinFails'))?.value as number | undefined) ?? 0;
	const stored = (await db.meta.get('pinRetryAt'))?.value as number | undefined;
	return { fails, retryAt: nextTryAt(stored, fails, now) };
}

/**
 * Tries a PIN. A wrong one counts and sets a growing wait before the next (backoff.ts); both are
 * kept on the device, so a reload resets neither. A try during the wait is refused unread and
 * does not count. The tenth wrong PIN in a row wipes residents' data (wipeResidentData),
 * keeping unsent records.
 */
export async function unlock(db: DoorstepDb, keyring: Keyring, pin: string, now = Date.now()): Promise<UnlockResult> {
	const stored = (await db.meta.get('pinKey'))?.value as WrappedKey | undefined;
	if (!stored) throw new Error('this device has no PIN');
	const tries = await pinTries(db, now);
	if (tries.retryAt > now)
		return { ok: false, waiting: true, left: Math.max(0, MAX_PIN_FAILS - tries.fails), retryAt: tries.retryAt };
	try {
		keyring.unlock(await unwrapKey(stored, pin));
	} catch (err) {
		if (!(err instanceof WrongPinError)) throw err;
		const fails = tries.fails + 1;
		const retryAt = now + waitAfter(fails);
		await db.meta.bulkPut([
			{ key: 'pinFails', value: fails },
			{ key: 'pinRetryAt', value: retryAt }
		]);
		const wiped = fails >= MAX_PIN_FAILS;
		if (wiped) await wipeResidentData(db);
		return { ok: false, left: Math.max(0, MAX_PIN_FAILS - fails), wiped, retryAt };
	}
	// The right PIN after a wipe: the next sync brings the roster back, so the notice goes.
	await db.meta.put({ key: 'pinFails', value: 0 });
	await db.meta.bulkDelete(['wiped', 'pinRetryAt']);
	return { ok: true };
}

/** True once fingerprint / face unlock is set up on this device. */
export async function hasPrfKey(db: DoorstepDb): Promise<boolean> {
	return (await db.meta.get('prfKey')) !== undefined;
}

/** Sets up fingerprint / face unlock for the open data key (prf-key.ts); the PIN stays as it was. */
export async function enablePrf(db: DoorstepDb, keyring: Keyring, name: string): Promise<void> {
	const stored = await createPrfKey(keyring.openKey(), name);
	await db.meta.put({ key: 'prfKey', value: stored });
}

export async function disablePrf(db: DoorstepDb): Promise<void> {
	await db.meta.delete('prfKey');
}

/**
 * Unlocks with the fingerprint or face: the same outcome as the right PIN (the count of wrong
 * PINs and its wait are cleared). The platform counts its own failed scans.
 */
export async function unlockWithPrf(db: DoorstepDb, keyring: Keyring): Promise<void> {
	const stored = (await db.meta.get('prfKey'))?.value as PrfWrappedKey | undefined;
	if (!stored) throw new Error('fingerprint unlock is not set up on this device');
	keyring.unlock(await unwrapWithPrf(stored));
	await db.meta.put({ key: 'pinFails', value: 0 });
	await db.meta.bulkDelete(['wiped', 'pinRetryAt']);
}

/**
 * The server said the lead revoked this device: what it held has been handed in (the push goes
 * first, and a revoked device may still push); residents' data goes, unsent records stay.
 */
export async function erasedOnRevoke(db: DoorstepDb): Promise<void> {
	await wipeResidentData(db);
	await db.meta.put({ key: 'revoked', value: new Date().toISOString() });
}

/**
 * Erases residents' data from the device: the roster, delivery orders and every event already
 * on the server. What was recorded here and not yet acknowledged (the outbox) and what the
 * server refused stay, sealed, until a sync hands them in or the lead writes them off. The
 * cursor goes too, so the next sync after an unlock pulls a fresh copy. Runs while locked:
 * deleting needs no key.
 */
export async function wipeResidentData(db: DoorstepDb): Promise<void> {
	// Every store of residents' fields but those kept (KEPT_THROUGH_WIPE): a store added later is
	// wiped without being named here (the coverage snapshot, issue 13, was nearly missed).
	const cleared = SEALED_STORES(db).filter((t) => !KEPT_THROUGH_WIPE.has(t.name));
	await db.transaction(
		'rw',
		[db.meta, db.events, db.outbox, db.rounds, db.assignments, db.careDirty, ...cleared],
		async () => {
			const unsent = new Set((await db.outbox.toCollection().primaryKeys()) as string[]);
			const events = (await db.events.toCollection().primaryKeys()) as string[];
			await db.events.bulkDelete(events.filter((id) => !unsent.has(id)));
			// The passed-on requests go with the requests they speak of, and the care ledger's rows
			// (names, categories: health data) with the events they are built from; the next sync
			// and the next read bring back what the device may hold.
			await Promise.all([db.rounds.clear(), db.assignments.clear(), ...cleared.map((t) => t.clear())]);
			await db.careDirty.clear();
			await db.careDirty.put({ householdId: '*' }); // all of them, as on a new database (db.ts)
			// The today list's snapshot (care-today.ts) is residents' data kept in meta, sealed.
			await db.meta.bulkDelete(['cursor', 'scope', 'epoch', CARE_TODAY_KEY]);
			await db.meta.put({ key: 'wiped', value: new Date().toISOString() });
		}
	);
}
