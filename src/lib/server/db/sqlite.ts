import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db, Param } from './types';

/**
 * better-sqlite3 is synchronous; transactions are async here so the store code is the same
 * for PostgreSQL. A promise chain keeps one transaction at a time on the single connection.
 */
export class SqliteDb implements Db {
	readonly dialect = 'sqlite' as const;
	#db: Database.Database;
	#queue: Promise<unknown> = Promise.resolve();
	#statements = new Map<string, Database.Statement>();

	constructor(file: string) {
		if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
		this.#db = new Database(file);
		this.#db.pragma('journal_mode = WAL');
		this.#db.pragma('synchronous = NORMAL');
		this.#db.pragma('foreign_keys = ON');
		this.#db.pragma('busy_timeout = 5000');
	}

	exec(sql: string): void {
		this.#db.exec(sql);
	}

	#prepare(sql: string): Database.Statement {
		let st = this.#statements.get(sql);
		if (!st) {
			st = this.#db.prepare(sql);
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

	tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
		const next = this.#queue.then(async () => {
			this.#db.exec('BEGIN IMMEDIATE');
			try {
				const out = await fn(this);
				this.#db.exec('COMMIT');
				return out;
			} catch (err) {
				this.#db.exec('ROLLBACK');
				throw err;
			}
		});
		this.#queue = next.catch(() => undefined);
		return next;
	}

	async close(): Promise<void> {
		await this.#queue;
		this.#db.close();
	}
}
