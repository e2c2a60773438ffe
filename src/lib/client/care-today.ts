import { CARE_FOLD_VERSION, packRow, unpackRow, type StoredFoldRow } from '$lib/domain/care/fold-rows';
import type { Household } from '$lib/domain/schemas';
import { CARE_STAMP_KEY, readCareLedger, type CareLedgerRead } from './care-fold';
import type { DoorstepDb } from './db';

/** The meta row holding the today list's snapshot: one sealed box, not ~270 rows to open. */
export const CARE_TODAY_KEY = 'careToday';

interface Snapshot {
	/** The CARE_STAMP_KEY token the rows were read under: any later write of them changed it. */
	stamp: string | null;
	version: number;
	pairedWith: string;
	/** A Body sealed by Keyring.sealLater, opened by Keyring.openRows as a row's `sealed`. */
	body: { sealed: Uint8Array };
}

interface Body {
	rows: StoredFoldRow[];
	households: Household[];
}

/**
 * The phone's today list as it stood at its last read, when nothing it shows was written since:
 * one get and one WebCrypto open at a cold start instead of the ~270 rows readCareLedger reads
 * and opens one box each (docs/benchmarks.md, session 10). Undefined when there is none, when
 * it was kept for another device or fold version, or when any write of the fold, its marks or
 * the households changed the stamp since (care-fold.ts): the live read is then the first answer.
 */
export async function readCareToday(db: DoorstepDb, pairedWith: string): Promise<CareLedgerRead | undefined> {
	const [stamp, kept] = await db.transaction('r', db.meta, () =>
		Promise.all([db.meta.get(CARE_STAMP_KEY), db.meta.get(CARE_TODAY_KEY)])
	);
	const snap = kept?.value as Snapshot | undefined;
	if (!snap || snap.version !== CARE_FOLD_VERSION || snap.pairedWith !== pairedWith) return undefined;
	if (!(snap.body?.sealed instanceof Uint8Array)) return undefined;
	if (snap.stamp !== (((stamp?.value as string | undefined) ?? null) as string | null)) return undefined;
	const [body] = (await db.keyring.openRows([snap.body as unknown as Record<string, unknown>])) as unknown as Body[];
	return { rows: body.rows.map(unpackRow), households: body.households, stale: false, stamp: snap.stamp };
}

/**
 * Keeps a live read of the today list as its snapshot, sealed off the page's thread, and stores it
 * only if the stamp still names that read (a write in between would make it stale). A read
 * that needed a rebuild is not kept: the settle that stores the rebuild changes the stamp.
 */
export async function keepCareToday(db: DoorstepDb, pairedWith: string, read: CareLedgerRead): Promise<boolean> {
	// Only ever sealed: a device without a PIN keeps no snapshot (setting one seals rows, not meta).
	if (read.stale || read.stamp === undefined || !read.households || !db.keyring.sealing) return false;
	const plain: Body = { rows: read.rows.map(packRow), households: read.households };
	const body = { sealed: await db.keyring.sealLater({ ...plain }) };
	const value: Snapshot = { stamp: read.stamp, version: CARE_FOLD_VERSION, pairedWith, body };
	return db.transaction('rw', db.meta, async () => {
		const now = ((await db.meta.get(CARE_STAMP_KEY))?.value as string | undefined) ?? null;
		if (now !== read.stamp) return false;
		await db.meta.put({ key: CARE_TODAY_KEY, value });
		return true;
	});
}

/**
 * Keeps the snapshot again when a write since it (a sync's pull, a check-in sent) left it stale,
 * so the next cold open of the list is the quick one and not only the open after it. Only a
 * device that keeps one (it has opened its list since its PIN was set); run after a sync has
 * settled the fold, in the background. True when it kept one.
 */
export async function refreshCareToday(db: DoorstepDb, pairedWith: string): Promise<boolean> {
	const [stamp, kept] = await db.transaction('r', db.meta, () =>
		Promise.all([db.meta.get(CARE_STAMP_KEY), db.meta.get(CARE_TODAY_KEY)])
	);
	const snap = kept?.value as Snapshot | undefined;
	if (!snap || snap.pairedWith !== pairedWith) return false;
	if (snap.stamp === (((stamp?.value as string | undefined) ?? null) as string | null)) return false;
	return keepCareToday(db, pairedWith, await readCareLedger(db, pairedWith));
}
