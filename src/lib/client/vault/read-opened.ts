import Dexie, { type Table } from 'dexie';
import type { DoorstepDb } from '../db';

type Row = Record<string, unknown>;

/**
 * Runs `read` in one read-only transaction over `tables`, in which the rows of the `later` tables
 * come back as stored (Keyring.openLater), and then opens the row lists it hands back in `rows`
 * all in one batch (Keyring.openRows: WebCrypto, the data key imported once per unlock). Opening
 * thousands of rows one by one in JavaScript inside the transaction was most of a large read at
 * CPU 4× (docs/benchmarks.md, session 8). What comes out equals the one-by-one open: a locked
 * keyring throws LockedError, an altered row rejects the whole read.
 *
 * Inside a live query the transaction's reads are tracked as any read is, so the query re-runs
 * on a commit that touches them; the batch opens after the reads and reads nothing itself.
 */
export async function readOpened<R extends { rows: readonly unknown[][] }>(
	db: DoorstepDb,
	tables: Table[],
	later: Table[],
	read: () => Promise<R>
): Promise<R> {
	const got = await db.transaction('r', tables, () => {
		const { idbtrans } = Dexie.currentTransaction;
		for (const t of later) db.keyring.openLater(idbtrans, t.name);
		return read();
	});
	const opened = await db.keyring.openRows(got.rows.flat() as Row[]);
	let at = 0;
	const rows = got.rows.map((list) => opened.slice(at, (at += list.length)));
	return { ...got, rows } as R;
}
