import { openDb, type Db } from './db';
import { adoptLegacyTeams } from './org/teams';

let opened: Promise<Db> | undefined;

/**
 * The process's one store, opened and migrated on first use. An empty store holds no team at
 * all: the first administrator sets the organisation up through the setup link printed at start.
 */
export function store(): Promise<Db> {
	opened ??= openDb().then(async (db) => {
		await adoptLegacyTeams(db);
		return db;
	});
	return opened;
}

/** Closes the store, for a clean shutdown; a later call to store() opens it again. */
export async function closeStore(): Promise<void> {
	const db = opened;
	opened = undefined;
	if (db) await (await db).close();
}
