import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { openDb, type Db } from '../db';

export interface StoreKind {
	name: 'sqlite' | 'postgres';
	/** Opens a fresh, migrated, empty store and a way to throw it away; on PostgreSQL, names its schema. */
	open(): Promise<{ db: Db; url: string; schema?: string; dispose(): Promise<void> }>;
}

const sqlite: StoreKind = {
	name: 'sqlite',
	async open() {
		const dir = mkdtempSync(join(tmpdir(), 'doorstep-test-'));
		// An empty URL, not undefined: a DATABASE_URL in the environment must not redirect tests.
		const db = await openDb('', dir);
		return {
			db,
			url: '',
			async dispose() {
				await db.close();
				rmSync(dir, { recursive: true, force: true });
			}
		};
	}
};

/**
 * A test's connections commit without waiting for the WAL to reach the disk. A fresh store's
 * 26 migration steps are 26 commits, and each waited for a flush: opening a store took 0.38 s,
 * and 0.33 s without the wait (session 14, a cluster as Debian sets it up). What the tests check
 * is what the store holds and refuses, which this does not change; nothing here crashes the
 * PostgreSQL server, the one case where an unflushed commit is lost.
 */
function testUrl(baseUrl: string, schema?: string): string {
	const url = new URL(baseUrl);
	url.searchParams.set('options', `${schema ? `-c search_path=${schema} ` : ''}-c synchronous_commit=off`);
	return url.toString();
}

/**
 * Each test gets its own PostgreSQL schema, named on the connection's search_path, so test
 * files running in parallel workers never see each other's tables.
 */
const postgres = (baseUrl: string): StoreKind => ({
	name: 'postgres',
	async open() {
		const schema = `t_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
		const admin = new pg.Client({ connectionString: testUrl(baseUrl) });
		await admin.connect();
		await admin.query(`CREATE SCHEMA ${schema}`);
		const url = testUrl(baseUrl, schema);
		try {
			const db = await openDb(url, '');
			return {
				db,
				url,
				schema,
				async dispose() {
					await db.close();
					await admin.query(`DROP SCHEMA ${schema} CASCADE`);
					await admin.end();
				}
			};
		} catch (err) {
			await admin.end();
			throw err;
		}
	}
});

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL names a database the tests may use. */
export const STORES: StoreKind[] = process.env.TEST_DATABASE_URL
	? [sqlite, postgres(process.env.TEST_DATABASE_URL)]
	: [sqlite];

/** Registers a fresh store per test and returns a getter for the current one. */
export function freshStore(kind: StoreKind): () => Db {
	let current: Awaited<ReturnType<StoreKind['open']>> | undefined;
	beforeEach(async () => {
		current = await kind.open();
	});
	afterEach(async () => {
		await current?.dispose();
		current = undefined;
	});
	return () => {
		if (!current) throw new Error('no store open outside a test');
		return current.db;
	};
}
