import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { STORES, freshStore } from '../testing/stores';
import { PostgresDb } from './postgres';
import { SqliteDb } from './sqlite';

describe.each(STORES)('durability and timeouts on $name', (kind) => {
	const db = freshStore(kind);

	if (kind.name === 'sqlite') {
		it('syncs every commit to disk: FULL through the pragma, and NORMAL only when asked for', async () => {
			expect(await db().get('PRAGMA synchronous')).toEqual({ synchronous: 2 });
			expect(await db().get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
			const normal = new SqliteDb(':memory:', 'NORMAL');
			expect(await normal.get('PRAGMA synchronous')).toEqual({ synchronous: 1 });
			await normal.close();
		});
		return;
	}

	it('sets connection, statement and idle-in-transaction timeouts on every connection', async () => {
		const row = await db().get<{ s: string; i: string }>(
			"SELECT current_setting('statement_timeout') AS s, current_setting('idle_in_transaction_session_timeout') AS i"
		);
		expect(row).toEqual({ s: '30s', i: '1min' });
	});
});

const PG_URL = process.env.TEST_DATABASE_URL;

describe.skipIf(!PG_URL)('a PostgreSQL connection that drops', () => {
	const admin = async () => {
		const c = new pg.Client({ connectionString: PG_URL });
		await c.connect();
		return c;
	};

	it('gives up waiting for a connection after the limit when the pool is exhausted, then serves again', async () => {
		// A limit long enough for ten real connections to open on a busy machine.
		const db = new PostgresDb(PG_URL ?? '', { connectMs: 3000, statementMs: 30_000, idleInTransactionMs: 60_000 });
		let release = () => {};
		const held = new Promise<void>((r) => (release = r));
		let inside = 0;
		let allInside = () => {};
		const full = new Promise<void>((r) => (allInside = r));
		try {
			// Ten transactions (the pool's size) hold every connection; the eleventh caller comes
			// once all ten are in, not after a guessed delay.
			const holders = Array.from({ length: 10 }, () =>
				db.tx(async (tx) => {
					await tx.get('SELECT 1');
					if (++inside === 10) allInside();
					await held;
				})
			);
			// A holder that fails rejects here rather than leaving the test waiting.
			await Promise.race([full, Promise.all(holders)]);
			await expect(db.get('SELECT 1 AS one')).rejects.toThrow(/timeout/i);
			release();
			await Promise.all(holders);
			expect(await db.get('SELECT 1 AS one')).toEqual({ one: 1 });
		} finally {
			release();
			await db.close();
		}
	});

	it('fails the statement over the limit and keeps serving', async () => {
		const db = new PostgresDb(PG_URL ?? '', { connectMs: 5000, statementMs: 200, idleInTransactionMs: 60_000 });
		try {
			await expect(db.get('SELECT pg_sleep(2)')).rejects.toThrow(/statement timeout/);
			expect(await db.get('SELECT 1 AS one')).toEqual({ one: 1 });
		} finally {
			await db.close();
		}
	});

	it('ends a transaction left idle past the limit, rolls it back, and keeps serving', async () => {
		const db = new PostgresDb(PG_URL ?? '', { connectMs: 5000, statementMs: 30_000, idleInTransactionMs: 200 });
		try {
			await expect(
				db.tx(async (tx) => {
					await tx.get('SELECT 1');
					await new Promise((r) => setTimeout(r, 800));
					await tx.get('SELECT 2');
				})
			).rejects.toThrow();
			expect(await db.get('SELECT 1 AS one')).toEqual({ one: 1 });
		} finally {
			await db.close();
		}
	});

	it('survives pg_terminate_backend on a connection inside a transaction and on an idle one', async () => {
		const db = new PostgresDb(PG_URL ?? '');
		const a = await admin();
		try {
			// Inside a transaction: the statement after the kill fails, the process does not.
			await expect(
				db.tx(async (tx) => {
					const me = await tx.get<{ pid: number }>('SELECT pg_backend_pid() AS pid');
					await a.query('SELECT pg_terminate_backend($1)', [me?.pid]);
					await new Promise((r) => setTimeout(r, 200));
					await tx.get('SELECT 1');
				})
			).rejects.toThrow();
			// An idle pooled connection: the pool's 'error' handler takes it, the next query reconnects.
			const idle = await db.get<{ pid: number }>('SELECT pg_backend_pid() AS pid');
			await a.query('SELECT pg_terminate_backend($1)', [idle?.pid]);
			await new Promise((r) => setTimeout(r, 200));
			expect(await db.get('SELECT 1 AS one')).toEqual({ one: 1 });
			expect(await db.tx((tx) => tx.get('SELECT 2 AS two'))).toEqual({ two: 2 });
		} finally {
			await a.end();
			await db.close();
		}
	});
});
