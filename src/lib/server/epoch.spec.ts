import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { backupSqlite, renewPostgresEpoch, restoreSqlite } from '../../../scripts/backup.js';
import { openDb } from './db';
import { migrate } from './db/migrate';
import { renewEpoch, storeEpoch } from './epoch';
import { pull } from './pull';
import { pushEvents } from './push';
import { demoTeam, visit } from './testing/fixtures';
import { STORES, freshStore } from './testing/stores';

describe.each(STORES)('store epoch on $name', (kind) => {
	const db = freshStore(kind);

	it('every pull answers the epoch, a resync too; migrating again keeps it; a renewal changes it', async () => {
		const { volunteer } = await demoTeam(db());
		const epoch = await storeEpoch(db());
		expect(epoch).toMatch(/^[0-9a-f-]{36}$/);
		const first = await pull(db(), volunteer, 0, 100);
		expect(first.epoch).toBe(epoch);
		expect(await pull(db(), volunteer, 1_000_000, 100)).toMatchObject({ resync: 'cursor-ahead', epoch });
		await migrate(db());
		expect(await storeEpoch(db())).toBe(epoch);
		const renewed = await renewEpoch(db());
		expect(renewed).not.toBe(epoch);
		expect((await pull(db(), volunteer, first.cursor, 100)).epoch).toBe(renewed);
	});
});

describe('SQLite backup and restore (npm run backup / restore)', () => {
	it('copies the live store consistently with a new epoch, and a restore keeps the replaced store', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'doorstep-backup-'));
		const file = join(dir, 'doorstep.sqlite');
		const db = await openDb('', dir);
		try {
			const { volunteer, roundId } = await demoTeam(db);
			const early = visit({ id: 'early', deviceId: volunteer.deviceId, roundId, householdId: 'demo-1-1-101' });
			await pushEvents(db, volunteer, [early], 0);
			const live = await storeEpoch(db);
			// Taken while the store is open and has a -wal: the copy still holds every commit.
			await backupSqlite(file, join(dir, 'copy.sqlite'));
			await expect(backupSqlite(file, join(dir, 'copy.sqlite'))).rejects.toThrow(/exists already/);
			await pushEvents(
				db,
				volunteer,
				[visit({ id: 'late', deviceId: volunteer.deviceId, roundId, householdId: 'demo-1-1-102' })],
				0
			);
			await db.close();

			const { epoch, keptAs } = restoreSqlite(join(dir, 'copy.sqlite'), file);
			expect(keptAs && existsSync(keptAs)).toBe(true);
			const restored = await openDb('', dir);
			try {
				expect(await restored.all('SELECT id FROM events ORDER BY id')).toEqual([{ id: 'early' }]);
				const now = await storeEpoch(restored);
				expect(now).toBe(epoch);
				expect(now).not.toBe(live);
			} finally {
				await restored.close();
			}
			// Restoring the same backup twice still makes a new store.
			expect(restoreSqlite(join(dir, 'copy.sqlite'), file).epoch).not.toBe(epoch);
		} finally {
			await db.close().catch(() => undefined);
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

const PG = STORES.find((s) => s.name === 'postgres');
const hasPgDump = (() => {
	try {
		execFileSync('pg_dump', ['--version']);
		return true;
	} catch {
		return false;
	}
})();

describe.skipIf(!PG || !hasPgDump)('PostgreSQL backup and restore (pg_dump, pg_restore, npm run restore)', () => {
	it('restores an older dump, and the restore step gives it a new epoch', async () => {
		const opened = await PG!.open();
		const dir = mkdtempSync(join(tmpdir(), 'doorstep-pgdump-'));
		const url = new URL(opened.url);
		const schema = opened.schema!;
		url.searchParams.delete('options');
		const base = url.toString();
		try {
			const { volunteer, roundId } = await demoTeam(opened.db);
			await pushEvents(
				opened.db,
				volunteer,
				[visit({ id: 'early', deviceId: volunteer.deviceId, roundId, householdId: 'demo-1-1-101' })],
				0
			);
			const live = await storeEpoch(opened.db);
			const dump = join(dir, 'doorstep.dump');
			execFileSync('pg_dump', ['--format=custom', `--schema=${schema}`, `--file=${dump}`, base]);
			await pushEvents(
				opened.db,
				volunteer,
				[visit({ id: 'late', deviceId: volunteer.deviceId, roundId, householdId: 'demo-1-1-102' })],
				0
			);
			await opened.db.close();

			const admin = new pg.Client({ connectionString: base });
			await admin.connect();
			await admin.query(`DROP SCHEMA ${schema} CASCADE`);
			await admin.end();
			execFileSync('pg_restore', ['--no-owner', `--dbname=${base}`, dump]);
			const epoch = await renewPostgresEpoch(opened.url);

			const restored = await openDb(opened.url, '');
			try {
				expect(await restored.all('SELECT id FROM events ORDER BY id')).toEqual([{ id: 'early' }]);
				expect(await storeEpoch(restored)).toBe(epoch);
				expect(epoch).not.toBe(live);
			} finally {
				await restored.close();
			}
		} finally {
			await opened.dispose().catch(() => undefined);
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
