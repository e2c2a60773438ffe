import type { Db, Param } from '../db';

/**
 * A store that hands every statement on to another: the base of a test's store that watches or
 * steers what the code under test asks. A subclass overrides the statements it cares about and
 * says in `within` how to wrap the store a transaction or a snapshot hands out, so the
 * statements run inside them pass through it too.
 */
export abstract class ForwardingDb implements Db {
	readonly dialect: Db['dialect'];
	constructor(protected readonly inner: Db) {
		this.dialect = inner.dialect;
	}
	protected abstract within(inner: Db): Db;
	all<T>(sql: string, params?: Param[]): Promise<T[]> {
		return this.inner.all<T>(sql, params);
	}
	get<T>(sql: string, params?: Param[]): Promise<T | undefined> {
		return this.inner.get<T>(sql, params);
	}
	run(sql: string, params?: Param[]): Promise<number> {
		return this.inner.run(sql, params);
	}
	tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
		return this.inner.tx((tx) => fn(this.within(tx)));
	}
	snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T> {
		return this.inner.snapshot((r) => fn(this.within(r)));
	}
	close(): Promise<void> {
		return this.inner.close();
	}
}
