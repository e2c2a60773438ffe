// Backups and restores of the store (README: "Back up and restore").
//
//   npm run backup [-- <file>]   SQLite: a consistent copy, taken while the server runs.
//                                PostgreSQL (DATABASE_URL set): prints the pg_dump command.
//   npm run restore -- <file>    SQLite, server stopped: puts the copy in place of the store
//                                (the store it replaces is kept beside it).
//   npm run restore              PostgreSQL, after pg_restore: gives the store a new epoch.
//
// Every copy that can become the store again gets a new epoch (store identity): devices see
// it change on their next pull, send again what they recorded, and pull afresh.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const RENEW = "UPDATE store_meta SET value = ? WHERE name = 'epoch'";

/** @param {string} dataDir */
export const storeFile = (dataDir) => join(dataDir, 'doorstep.sqlite');

/**
 * Gives a SQLite store file a new epoch.
 * @param {string} file
 * @returns {string} the new epoch
 */
export function renewSqliteEpoch(file) {
	const db = new Database(file, { fileMustExist: true });
	try {
		const epoch = randomUUID();
		if (db.prepare(RENEW).run(epoch).changes !== 1) throw new Error(`${file} has no epoch: is it a Doorstep store?`);
		// Leave one self-contained file, with no -wal beside it.
		db.pragma('wal_checkpoint(TRUNCATE)');
		return epoch;
	} finally {
		db.close();
	}
}

/**
 * Copies a live SQLite store with SQLite's online backup API: a consistent snapshot even while
 * the server writes (the copy restarts if a write lands mid-way), unlike copying the file.
 * @param {string} source the store file
 * @param {string} dest where the copy goes (must not exist)
 */
export async function backupSqlite(source, dest) {
	if (!existsSync(source)) throw new Error(`no store at ${source}: set DATA_DIR to the server's data directory`);
	if (existsSync(dest)) throw new Error(`${dest} exists already; name a new file`);
	mkdirSync(dirname(dest), { recursive: true });
	const db = new Database(source, { fileMustExist: true });
	try {
		await db.backup(dest);
	} finally {
		db.close();
	}
	renewSqliteEpoch(dest);
}

/**
 * Puts a backup in place of the store; the server must be stopped. The replaced store and its
 * -wal are kept beside it (nothing is deleted), and the restored store gets a new epoch, so even
 * a backup restored twice is a new store to the devices.
 * @param {string} backup
 * @param {string} target the store file
 * @returns {{ epoch: string, keptAs: string | null }}
 */
export function restoreSqlite(backup, target) {
	if (!existsSync(backup)) throw new Error(`no backup at ${backup}`);
	let keptAs = null;
	if (existsSync(target)) {
		keptAs = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
		renameSync(target, keptAs);
		// The old store's -wal and -shm belong to it; left beside the copy they would be replayed into it.
		for (const ext of ['-wal', '-shm']) {
			if (existsSync(target + ext)) renameSync(target + ext, keptAs + ext);
		}
	}
	for (const ext of ['-wal', '-shm']) rmSync(target + ext, { force: true });
	copyFileSync(backup, target);
	return { epoch: renewSqliteEpoch(target), keptAs };
}

/**
 * Gives a PostgreSQL store a new epoch (run after pg_restore, before starting the server).
 * @param {string} url
 */
export async function renewPostgresEpoch(url) {
	const { default: pg } = await import('pg');
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const epoch = randomUUID();
		const res = await client.query(RENEW.replace('?', '$1'), [epoch]);
		if (res.rowCount !== 1) throw new Error('this database has no epoch: is it a Doorstep store?');
		return epoch;
	} finally {
		await client.end();
	}
}

const stamp = () => new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

async function main() {
	const [command, arg] = process.argv.slice(2);
	const url = process.env.DATABASE_URL;
	const dataDir = process.env.DATA_DIR ?? 'data';
	if (command === 'backup') {
		if (url) {
			console.log('PostgreSQL: take the backup with pg_dump (a consistent snapshot while the server runs):');
			console.log(`  pg_dump --format=custom --file=doorstep-${stamp()}.dump "$DATABASE_URL"`);
			console.log('Restore steps: README, "Back up and restore".');
			return;
		}
		const dest = resolve(arg ?? join(dataDir, 'backups', `doorstep-${stamp()}.sqlite`));
		await backupSqlite(storeFile(dataDir), dest);
		console.log(`backup written: ${dest}`);
		return;
	}
	if (command === 'restore') {
		if (url) {
			const epoch = await renewPostgresEpoch(url);
			console.log(`PostgreSQL store given a new epoch (${epoch}); start the server.`);
			return;
		}
		if (!arg) throw new Error('name the backup file: npm run restore -- <file>');
		const { keptAs } = restoreSqlite(resolve(arg), storeFile(dataDir));
		console.log(
			`restored ${arg} into ${storeFile(dataDir)}${keptAs ? `; the store it replaced is kept as ${keptAs}` : ''}`
		);
		return;
	}
	throw new Error('usage: node scripts/backup.js backup [file] | restore [file]');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((err) => {
		console.error(err instanceof Error ? err.message : err);
		process.exit(1);
	});
}
