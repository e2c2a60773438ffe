import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db, Param } from './types';

export type SqliteSynchronous = 'FULL' | 'NORMAL';

/** Statements on the connection as it is; only ever used while holding the queue. */
class SqliteConnection implements Db {
	readonly dialect = 'sqlite' as const;
	#statements = new Map<string, Database.Statement>();

	constructor(readonly raw: Database.Database) {}

	#prepare(sql: string): Database.Statement {
		let st = this.#statements.get(sql);
		if (!st) {
			st = this.raw.prepare(sql);
			this.#statements.set(sql, st);
		}
		return st;
	}

	async all<T>(sql: string, params: Param[] = []): Promise<T[]> {
		return this.#prepare(sql).all(...params) as T[];
	}

	async get<T>(sql: string, params: Param[] = []): Promise<T | undefined> {
		return this.#prepare(sql).get(...params) as T | undefined;
	}

	async run(sql: string, params: Param[] = []): Promise<number> {
		return this.#prepare(sql).run(...params).changes;
	}

	/** Already inside the caller's transaction: nesting joins it. */
	tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
		return fn(this);
	}

	snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T> {
		return fn(this);
	}

	async close(): Promise<void> {}
}

/**
 * better-sqlite3 is synchronous and has one connection, but transactions here are async so
 * the store code is the same for PostgreSQL. Every statement and transaction therefore waits
 * its turn on one queue: otherwise a statement issued while another request's transaction
 * awaits would run inside that transaction, reading its uncommitted rows or being rolled
 * back with it.
 */
export class SqliteDb implements Db {
	readonly dialect = 'sqlite' as const;
	#conn: SqliteConnection;
	#queue: Promise<unknown> = Promise.resolve();

	/**
	 * `synchronous = FULL` syncs the WAL on every commit, so a commit the server answered
	 * "received" for survives a power cut; NORMAL (SQLite's WAL default) may lose the last ones.
	 * NORMAL is only ever chosen by the sync benchmark, to measure what FULL costs.
	 */
	constructor(file: string, synchronous: SqliteSynchronous = 'FULL') {
		if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
		const raw = new Database(file);
		raw.pragma('journal_mode = WAL');
		raw.pragma(`synchronous = ${synchronous}`);
		raw.pragma('foreign_keys = ON');
		raw.pragma('busy_timeout = 5000');
		this.#conn = new SqliteConnection(raw);
	}

	#turn<T>(fn: () => Promise<T>): Promise<T> {
		const next = this.#queue.then(fn);
		this.#queue = next.catch(() => undefined);
		return next;
	}

	#within<T>(begin: string, fn: (db: Db) => Promise<T>): Promise<T> {
		return this.#turn(async () => {
			this.#conn.raw.exec(begin);
			try {
				const out = await fn(this.#conn);
				this.#conn.raw.exec('COMMIT');
				return out;
			} catch (err) {
				if (this.#conn.raw.inTransaction) this.#conn.raw.exec('ROLLBACK');
				throw err;
			}
		});
	}

	all<T>(sql: string, params: Param[] = []): Promise<T[]> {
		return this.#turn(() => this.#conn.all<T>(sql, params));
	}

	get<T>(sql: string, params: Param[] = []): Promise<T | undefined> {
		return this.#turn(() => this.#conn.get<T>(sql, params));
	}

	run(sql: string, params: Param[] = []): Promise<number> {
		return this.#turn(() => this.#conn.run(sql, params));
	}

	tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
		return this.#within('BEGIN IMMEDIATE', fn);
	}

	/** A deferred transaction is a snapshot in WAL mode, even against other processes' writers. */
	snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T> {
		return this.#within('BEGIN', fn);
	}

	async close(): Promise<void> {
		await this.#turn(async () => this.#conn.raw.close());
	}
}
