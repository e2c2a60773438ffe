import { expect, test, type Browser, type Page } from '@playwright/test';
import { chip, serverStore, deviceOn, recordRefused } from './helpers';
import { FaultProxy } from './proxy';
import { ServerProcess } from './server-process';
import { E2E_PORT } from '../support/e2e-server.js';

/**
 * The fault matrix: each scenario runs its own server process behind a fault proxy and ends
 * with every event on the server exactly once and nothing lost on the device.
 */
// Beside this run's E2E_PORT, so parallel runs on one machine never share a port.
const SERVER_PORT = E2E_PORT + 12;
const PROXY_PORT = SERVER_PORT + 1;
const DATA_DIR = 'test-results/fault-data';

let server: ServerProcess;
let proxy: FaultProxy;

test.beforeEach(async () => {
	server = new ServerProcess(SERVER_PORT, DATA_DIR);
	await server.start();
	proxy = new FaultProxy(PROXY_PORT, server.url);
	await proxy.listen();
});
test.afterEach(async () => {
	await proxy.close();
	await server.kill();
});

const device = (browser: Browser, name: string): Promise<Page> =>
	deviceOn(browser, `http://localhost:${PROXY_PORT}`, name, server.codes.volunteerCode);

const syncNow = (page: Page) => page.getByRole('button', { name: '立即同步' }).click();

function eventsOnServer(volunteer: string): { id: string; n: number }[] {
	return serverStore(
		(db) =>
			db
				.prepare(
					'SELECT e.id, COUNT(*) AS n FROM events e JOIN devices d ON d.id = e.device_id WHERE d.volunteer = ? GROUP BY e.id'
				)
				.all(volunteer) as { id: string; n: number }[],
		DATA_DIR
	);
}

test('server killed after storing a push but before answering: the retry duplicates nothing', async ({ browser }) => {
	const page = await device(browser, '甲');
	proxy.rule = (url) => (url.startsWith('/api/sync/push') ? 'lose-answer' : 'pass');
	proxy.afterForward = async (url) => {
		if (url.startsWith('/api/sync/push')) await server.kill();
	};
	await recordRefused(page, ['demo-1-1-101', 'demo-1-1-102', 'demo-1-1-201']);
	await expect(page.getByTestId('sync-label')).toContainText(/同步失败|离线/);
	await expect(page.getByTestId('pending-count')).not.toHaveText('待同步 0');

	proxy.rule = () => 'pass';
	proxy.afterForward = async () => {};
	await server.start();
	await syncNow(page);
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');
	const rows = eventsOnServer('甲');
	expect(rows).toHaveLength(3);
	expect(rows.every((r) => r.n === 1)).toBe(true);
});

test('server down when the push arrives, then restarted: everything is delivered once', async ({ browser }) => {
	const page = await device(browser, '乙');
	await server.kill();
	await recordRefused(page, ['demo-1-1-301', 'demo-1-1-302']);
	await syncNow(page);
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 2');
	await server.start();
	await syncNow(page);
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');
	expect(eventsOnServer('乙').map((r) => r.n)).toEqual([1, 1]);
});

test('connection dropped in the middle of a pull: the next pull brings everything, once', async ({ browser }) => {
	const writer = await device(browser, '丙');
	const reader = await device(browser, '丁');
	await recordRefused(writer, ['demo-1-1-401', 'demo-1-1-402']);
	await expect(writer.getByTestId('pending-count')).toHaveText('待同步 0');

	proxy.rule = (url) => (url.startsWith('/api/sync/pull') ? 'lose-answer' : 'pass');
	await syncNow(reader);
	// A lost answer reads as no connection to the server.
	await expect(reader.getByTestId('sync-label')).toContainText(/同步失败|离线/);
	await expect(chip(reader, 'demo-1-1-401')).toHaveAttribute('data-state', 'todo');

	proxy.rule = () => 'pass';
	await syncNow(reader);
	await expect(chip(reader, 'demo-1-1-401')).toHaveAttribute('data-state', 'refused');
	await expect(chip(reader, 'demo-1-1-402')).toHaveAttribute('data-state', 'refused');
	const counts = await reader.evaluate(async () => {
		const req = indexedDB.open('doorstep');
		const idb = await new Promise<IDBDatabase>((ok) => (req.onsuccess = () => ok(req.result)));
		const ids = await new Promise<IDBValidKey[]>((ok) => {
			const r = idb.transaction('events').objectStore('events').getAllKeys();
			r.onsuccess = () => ok(r.result);
		});
		return { events: ids.length, unique: new Set(ids.map(String)).size };
	});
	expect(counts.events).toBe(counts.unique);
	expect(counts.events).toBeGreaterThanOrEqual(2);
});

test('a tab closed in the middle of recording leaves each record whole: event and outbox row together or neither', async ({
	browser
}) => {
	const page = await device(browser, '戊');
	const ctx = page.context();
	await ctx.setOffline(true);
	const ids = ['demo-1-1-501', 'demo-1-1-502', 'demo-1-1-601', 'demo-1-1-602'];
	let current = page;
	for (const id of ids) {
		await chip(current, id).click();
		// Tap and close at once, without waiting for the screen to confirm.
		void current
			.getByTestId('all-sampled')
			.click()
			.catch(() => undefined);
		await current.close({ runBeforeUnload: false });
		current = await ctx.newPage();
		await current.goto('/grid');
		await expect(chip(current, id)).toBeVisible();
	}
	const store = await current.evaluate(async () => {
		const req = indexedDB.open('doorstep');
		const idb = await new Promise<IDBDatabase>((ok) => (req.onsuccess = () => ok(req.result)));
		const keys = (name: string) =>
			new Promise<string[]>((ok) => {
				const r = idb.transaction(name).objectStore(name).getAllKeys();
				r.onsuccess = () => ok(r.result.map(String));
			});
		return { events: (await keys('events')).sort(), outbox: (await keys('outbox')).sort() };
	});
	expect(store.outbox).toEqual(store.events);
	// Whatever committed shows on the grid and reaches the server exactly once.
	await ctx.setOffline(false);
	await syncNow(current);
	await expect(current.getByTestId('pending-count')).toHaveText('待同步 0');
	const onServer = eventsOnServer('戊');
	expect(onServer.map((r) => r.id).sort()).toEqual(store.events);
	expect(onServer.every((r) => r.n === 1)).toBe(true);
});
