import { openDb, type Db } from './db';
import { env } from '$env/dynamic/private';
import { demoHouseholds, seedDemo } from './demo';

/** DEMO_SIZE=buildings,units,floors,rooms seeds a larger demo (benchmarks use 17,2,18,4). */
function demoSize(): [number, number, number, number] | [] {
	const parts = (env.DEMO_SIZE ?? '').split(',').map(Number);
	return parts.length === 4 && parts.every((n) => Number.isInteger(n) && n > 0) ? (parts as [number, number, number, number]) : [];
}

let opened: Promise<Db> | undefined;

/** The process's one store, opened, migrated and seeded on first use. */
export function store(): Promise<Db> {
	opened ??= openDb().then(async (db) => {
		await seedDemo(db, new Date(), demoHouseholds(...demoSize()));
		return db;
	});
	return opened;
}
