import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { chip, serverStore, deviceOn, recordRefused } from './helpers';
import { ServerProcess } from './server-process';
import { E2E_DATA_DIR, E2E_PORT } from '../support/e2e-server.js';

/**
 * Back up, record more on two devices, restore the older backup, sync: nothing a device had
 * acknowledged is missing anywhere, nothing is duplicated. A server process of its own, on a
 * port next to this run's E2E_PORT, with its own data directory.
 */
const PORT = E2E_PORT + 9;
const DATA_DIR = `${E2E_DATA_DIR}-restore`;
const BACKUP = join(`${DATA_DIR}-backup`, 'doorstep-before.sqlite');

let server: ServerProcess;
test.beforeEach(async () => {
	server = new ServerProcess(PORT, DATA_DIR);
	execFileSync('rm', ['-rf', `${DATA_DIR}-backup`]);
	await server.start();
});
test.afterEach(async () => {
	await server.kill();
});

const device = (browser: Browser, name: string): Promise<Page> =>
	deviceOn(browser, `http://localhost:${PORT}`, name, server.codes.volunteerCode);

/** Refused at each door, and every record handed in. */
async function recordAllRefused(page: Page, ids: string[]): Promise<void> {
	await recordRefused(page, ids);
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');
}

const syncNow = (page: Page) => page.getByRole('button', { name: '立即同步' }).click();

/** Every event id on the device, and which of them it recorded itself. */
function onDevice(page: Page): Promise<{ all: string[]; own: string[] }> {
	return page.evaluate(async () => {
		const req = indexedDB.open('doorstep');
		const idb = await new Promise<IDBDatabase>((ok) => (req.onsuccess = () => ok(req.result)));
		const session = await new Promise<{ value: { deviceId: string } }>((ok) => {
			const r = idb.transaction('meta').objectStore('meta').get('session');
			r.onsuccess = () => ok(r.result);
		});
		const events = await new Promise<{ id: string; deviceId: string }[]>((ok) => {
			const r = idb.transaction('events').objectStore('events').getAll();
			r.onsuccess = () => ok(r.result);
		});
		idb.close();
		return {
			all: events.map((e) => e.id).sort(),
			own: events
				.filter((e) => e.deviceId === session.value.deviceId)
				.map((e) => e.id)
				.sort()
		};
	});
}

const onServer = (): string[] =>
	serverStore(
		(db) => (db.prepare('SELECT id FROM events ORDER BY id').all() as { id: string }[]).map((r) => r.id),
		DATA_DIR
	);

const script = (...args: string[]) =>
	execFileSync(process.execPath, ['scripts/backup.js', ...args], {
		env: { ...process.env, DATA_DIR, DATABASE_URL: '' }
	}).toString();

test('a store restored from an older backup: devices send again what it lost, and nothing acknowledged goes missing', async ({
	browser
}) => {
	const a = await device(browser, '恢复甲');
	const b = await device(browser, '恢复乙');
	await recordAllRefused(a, ['demo-1-1-101', 'demo-1-1-102']);
	await recordAllRefused(b, ['demo-1-1-301']);
	// A backup taken while the server runs.
	expect(script('backup', BACKUP)).toContain('backup written');

	await recordAllRefused(a, ['demo-1-1-201', 'demo-1-1-202']);
	await recordAllRefused(b, ['demo-1-1-401', 'demo-1-1-402']);
	await syncNow(a);
	await expect.poll(async () => (await onDevice(a)).all.length).toBe(7);
	const acknowledged = onServer();
	expect(acknowledged).toHaveLength(7);
	const ownA = (await onDevice(a)).own;
	const ownB = (await onDevice(b)).own;
	expect([...ownA, ...ownB].sort()).toEqual(acknowledged);

	// The store is lost: stop the server, restore the older backup, start again.
	await server.kill();
	expect(script('restore', BACKUP)).toContain('restored');
	await server.start();
	expect(onServer()).toHaveLength(3);

	for (const page of [a, b, a, b]) {
		await syncNow(page);
		await expect(page.getByTestId('sync-label')).toContainText('已同步');
		// At no point does a device lose one of its acknowledged records.
		expect((await onDevice(page)).own).toEqual(page === a ? ownA : ownB);
	}
	await expect.poll(onServer).toEqual(acknowledged);
	for (const page of [a, b]) {
		await expect.poll(async () => (await onDevice(page)).all).toEqual(acknowledged);
		await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');
	}
	// Both devices show every door as recorded, their own and the other's.
	await a.goto('/grid');
	for (const id of ['demo-1-1-101', 'demo-1-1-202']) await expect(chip(a, id)).toHaveAttribute('data-state', 'refused');
	const rows = serverStore(
		(db) => db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d FROM events').get() as { n: number; d: number },
		DATA_DIR
	);
	expect(rows).toEqual({ n: 7, d: 7 });
});
