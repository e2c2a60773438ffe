export type Param = string | number | null | Uint8Array;

/**
 * The one query layer both stores speak. SQL is written once with `?` placeholders in the
 * common subset of SQLite and PostgreSQL; each adapter maps it to its driver.
 */
export interface Db {
	readonly dialect: 'sqlite' | 'postgres';
	all<T>(sql: string, params?: Param[]): Promise<T[]>;
	get<T>(sql: string, params?: Param[]): Promise<T | undefined>;
	run(sql: string, params?: Param[]): Promise<number>;
	/**
	 * Runs fn in one transaction; writers bumping one counter row take turns (SQLite: all writers
	 * do), so counters bumped inside never skip.
	 * Inside fn use only the Db it is given: statements on the outer Db wait for the transaction.
	 */
	tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
	/** Runs fn's reads against one consistent view, so several queries agree on what committed. */
	snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}
