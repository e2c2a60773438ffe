import type { Db } from './db';

/**
 * Reserves `count` cursor values inside the caller's transaction and returns the first.
 * The counter row is the write lock: a later transaction cannot take values until this one
 * commits, so a pull never skips a commit.
 */
export async function nextSeq(tx: Db, count = 1): Promise<number> {
	const row = await tx.get<{ value: number }>(
		"UPDATE counters SET value = value + ? WHERE name = 'seq' RETURNING value",
		[count]
	);
	if (!row) throw new Error('counters table is missing its seq row');
	return Number(row.value) - count + 1;
}
