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

class PgTx extends PgQueries implements Db {
	readonly dialect = 'postgres' as const;
	tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
		return fn(this);
	}
	async close(): Promise<void> {}
}

export class PostgresDb extends PgQueries implements Db {
	readonly dialect = 'postgres' as const;
	#pool: pg.Pool;

	constructor(url: string) {
		const pool = new pg.Pool({ connectionString: url, max: 10 });
		super(pool);
		this.#pool = pool;
	}

	async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
		const client = await this.#pool.connect();
		try {
			await client.query('BEGIN');
			const out = await fn(new PgTx(client));
			await client.query('COMMIT');
			return out;
		} catch (err) {
			await client.query('ROLLBACK');
			throw err;
		} finally {
			client.release();
		}
	}

	async close(): Promise<void> {
		await this.#pool.end();
	}
}
