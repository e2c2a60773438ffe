import { randomUUID } from 'node:crypto';
import type { Db } from './db';

/**
 * The store's identity. Cursors count within one copy of the store: a backup restored over it
 * starts counting again from where the copy stopped, and a device whose cursor came from the
 * lost timeline would skip rows or keep ones the store no longer has. Every pull answers the
 * epoch; a device that sees it change pushes its own events again and pulls afresh.
 */
export async function storeEpoch(db: Db): Promise<string> {
	const row = await db.get<{ value: string }>("SELECT value FROM store_meta WHERE name = 'epoch'");
	if (!row) throw new Error('store_meta has no epoch: the store was not migrated');
	return row.value;
}

/** Gives a new store its epoch; an existing one keeps its own. */
export async function ensureEpoch(db: Db): Promise<void> {
	await db.run("INSERT INTO store_meta (name, value) VALUES ('epoch', ?) ON CONFLICT (name) DO NOTHING", [
		randomUUID()
	]);
}

/** A restored store is another copy: it gets a new epoch (scripts/backup.js does the same in SQL). */
export async function renewEpoch(db: Db): Promise<string> {
	const epoch = randomUUID();
	await db.run("UPDATE store_meta SET value = ? WHERE name = 'epoch'", [epoch]);
	return epoch;
}
