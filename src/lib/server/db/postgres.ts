import pg from 'pg';
import type { Db, Param } from './types';

// COUNT and BIGINT columns arrive as strings by default; our counters fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

const placeholders = (sql: string): string => {
	let n = 0;
	return sql.replace(/\?/g, () => `$${++n}`);
};

type Queryable = pg.Pool | pg.PoolClient;

class PgQueries {
	constructor(protected q: Queryable) {}
	async all<T>(sql: string, params: Param[] = []): Promise<T[]> {
		return (await this.q.query(placeholders(sql), params)).rows as T[];
	}
	async get<T>(sql: string, params: Param[] = []): Promise<T | undefined> {
		return (await this.all<T>(sql, params))[0];
	}
	async run(sql: string, params: Param[] = []): Promise<number> {
		return (await this.q.query(placeholders(sql), params)).rowCount ?? 0;
	}
}

/** One pooled connection inside BEGIN; nesting joins the open transaction. */
class PgTx extends PgQueries implements Db {
	readonly dialect = 'postgres' as const;
	tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
		return fn(this);
	}
	snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T> {
		return fn(this);
	}
	async close(): Promise<void> {}
}

/**
 * How long the server waits on PostgreSQL before answering an error instead of hanging: for a
 * connection (the database is down or the pool is exhausted), for one statement (a runaway
 * query, a lock held elsewhere), and for a transaction left open with nothing running in it
 * (the server ends such a session and its locks, so one stuck request cannot block a team).
 */
export interface PgTimeouts {
	connectMs: number;
	statementMs: number;
	idleInTransactionMs: number;
}

export const PG_TIMEOUTS: PgTimeouts = { connectMs: 10_000, statementMs: 30_000, idleInTransactionMs: 60_000 };

const lost = (err: Error) => console.error('postgres connection lost:', err.message);

export class PostgresDb extends PgQueries implements Db {
	readonly dialect = 'postgres' as const;
	#pool: pg.Pool;

	constructor(url: string, timeouts: PgTimeouts = PG_TIMEOUTS) {
		const pool = new pg.Pool({
			connectionString: url,
			max: 10,
			connectionTimeoutMillis: timeouts.connectMs,
			statement_timeout: timeouts.statementMs,
			idle_in_transaction_session_timeout: timeouts.idleInTransactionMs
		});
		// An idle connection dropped by the server (restart, failover) must not crash the process.
		pool.on('error', lost);
		super(pool);
		this.#pool = pool;
	}

	async #within<T>(begin: string, fn: (db: Db) => Promise<T>): Promise<T> {
		const client = await this.#pool.connect();
		// A checked-out client has no pool listener: a connection killed mid-transaction would
		// emit an unhandled 'error' and end the process. The statement in flight fails anyway.
		client.on('error', lost);
		let broken = false;
		try {
			await client.query(begin);
			const out = await fn(new PgTx(client));
			await client.query('COMMIT');
			return out;
		} catch (err) {
			await client.query('ROLLBACK').catch(() => {
				broken = true;
			});
			throw err;
		} finally {
			client.removeListener('error', lost);
			client.release(broken);
		}
	}

	/**
	 * READ COMMITTED is enough: every writer first bumps its team's counter row, whose lock makes
	 * the team's writers commit in cursor order, and each later statement sees what committed
	 * before. Writers of different teams share no row and run side by side.
	 */
	tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
		return this.#within('BEGIN', fn);
	}

	snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T> {
		return this.#within('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn);
	}

	async close(): Promise<void> {
		await this.#pool.end();
	}
}
