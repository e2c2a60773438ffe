import { join } from 'node:path';
import { migrate } from './migrate';
import { SqliteDb } from './sqlite';
import type { Db } from './types';

export type { Db, Param } from './types';

/** Opens the store named by the environment: PostgreSQL if DATABASE_URL is set, else SQLite. */
export async function openDb(
	databaseUrl = process.env.DATABASE_URL,
	dataDir = process.env.DATA_DIR ?? 'data'
): Promise<Db> {
	let db: Db;
	if (databaseUrl) {
		const { PostgresDb } = await import('./postgres');
		db = new PostgresDb(databaseUrl);
	} else {
		// Only the sync benchmark sets this, to measure FULL against SQLite's WAL default.
		const synchronous = process.env.DOORSTEP_BENCH_SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL';
		db = new SqliteDb(join(dataDir, 'doorstep.sqlite'), synchronous);
	}
	await migrate(db);
	return db;
}
