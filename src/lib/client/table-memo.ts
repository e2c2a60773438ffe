import type { DBCore, DBCoreTable, Middleware } from 'dexie';

/**
 * Builds each table's middleware stack once per database opening, not once per transaction.
 * Dexie asks the stack for a table afresh in every transaction that touches it
 * (`Transaction.table`), and every layer below — the sealing and care-fold middlewares, Dexie's
 * hooks, cache and observation layers — then builds its wrapper again: on a tap that was
 * ~1.5 ms of main-thread work at CPU 4× for each of the record's tables, inside the open
 * transaction. Every layer's wrapper depends on the table's name only (the transaction comes
 * with each request), so one per name serves them all. It sits above every other middleware.
 */
export const tableMemo: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'table-memo',
	level: 100,
	create(down) {
		const tables = new Map<string, DBCoreTable>();
		return {
			...down,
			table(name) {
				let table = tables.get(name);
				if (!table) tables.set(name, (table = down.table(name)));
				return table;
			}
		};
	}
};
