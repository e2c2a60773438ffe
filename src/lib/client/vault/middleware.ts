import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import { CLEAR_FIELDS, type Keyring } from './keyring';

type Row = Record<string, unknown>;

/**
 * Seals residents' fields on every write and opens them on every read, below Dexie's API, so
 * no screen or sync code knows about it and none can forget it. Synchronous, so it runs inside
 * the same IndexedDB transaction as the write (the outbox rule holds unchanged).
 */
export function sealingMiddleware(keyring: Keyring): Middleware<DBCore> {
	return {
		stack: 'dbcore',
		name: 'sealing',
		create(down) {
			return {
				...down,
				table(name): DBCoreTable {
					const table = down.table(name);
					const clear = CLEAR_FIELDS[name];
					if (!clear) return table;
					const read = (v: unknown) => keyring.openRow(v as Row | undefined);
					// The cursor is a native IDBCursor: its key and primaryKey getters throw "Illegal
					// invocation" when called on another object, so the wrapper reads them from the
					// cursor itself (anyOf and other cursor walks compare keys). Dexie's methods on it
					// (continue, start, …) are its own bound properties and pass through the prototype.
					const wrapCursor = (cursor: DBCoreCursor): DBCoreCursor =>
						Object.create(cursor, {
							key: { get: () => cursor.key },
							primaryKey: { get: () => cursor.primaryKey },
							value: { get: () => read(cursor.value) }
						}) as DBCoreCursor;
					return {
						...table,
						mutate: (req) =>
							req.type === 'add' || req.type === 'put'
								? table.mutate({ ...req, values: req.values.map((v) => keyring.sealRow(v as Row, clear)) })
								: table.mutate(req),
						get: (req) => table.get(req).then(read),
						getMany: (req) => table.getMany(req).then((rows) => rows.map(read)),
						query: (req) =>
							table
								.query(req)
								.then((res) =>
									req.values && !keyring.opensLater(req.trans, name) ? { ...res, result: res.result.map(read) } : res
								),
						openCursor: (req) =>
							table.openCursor(req).then((cursor) => (cursor && req.values ? wrapCursor(cursor) : cursor))
					};
				}
			};
		}
	};
}
