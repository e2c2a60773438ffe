import { openDb, type Db } from './db';
import { seedDemo } from './demo';

let opened: Promise<Db> | undefined;

/** The process's one store, opened, migrated and seeded on first use. */
export function store(): Promise<Db> {
	opened ??= openDb().then(async (db) => {
		await seedDemo(db);
		return db;
	});
	return opened;
}
