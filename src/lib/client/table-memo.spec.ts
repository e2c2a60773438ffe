import 'fake-indexeddb/auto';
import Dexie, { type DBCore, type DBCoreTable, type Middleware } from 'dexie';
import { describe, expect, it } from 'vitest';
import { tableMemo } from './table-memo';

/** A middleware below the memo that counts how often its table wrapper is built. */
function counting(built: string[]): Middleware<DBCore> {
	return {
		stack: 'dbcore',
		name: 'counting',
		create: (down) => ({
			...down,
			table(name): DBCoreTable {
				built.push(name);
				return down.table(name);
			}
		})
	};
}

/** Builds of each table's wrapper during five read-write transactions after the first. */
async function buildsOver5(memo: boolean) {
	const built: string[] = [];
	const db = new Dexie(`memo-${Math.random()}`);
	db.use(counting(built));
	if (memo) db.use(tableMemo);
	db.version(1).stores({ a: 'id', b: 'id' });
	const write = (i: number) =>
		db.transaction('rw', ['a', 'b'], () => Promise.all([db.table('a').put({ id: i }), db.table('b').put({ id: i })]));
	await write(0);
	const before = built.length;
	for (let i = 1; i <= 5; i++) await write(i);
	expect(await db.table('a').count()).toBe(6);
	db.close();
	return built.slice(before);
}

describe('tableMemo', () => {
	it("builds a table's middleware stack once, however many transactions use it", async () => {
		expect(await buildsOver5(true)).toEqual([]);
	});

	it('without it, every transaction builds it again (what the memo saves)', async () => {
		expect((await buildsOver5(false)).filter((n) => n === 'a').length).toBeGreaterThanOrEqual(5);
	});
});
