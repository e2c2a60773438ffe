import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { ServerProcess } from '../e2e/server-process';
import { TEST_PIN } from '../support/flows.js';
import { textOf, until, type SmokeDriver } from './driver';

const CHIP = '[data-testid="chip-demo-1-1-101"]';
const OPEN_ORDER = '[data-testid^="order-"][data-state="open"]';

/**
 * The field loop on one engine: enrol (with a PIN), lose the network (the server is stopped: WebDriver classic has
 * no offline switch, so every engine loses it the same way), reopen the app from the service worker
 * and unlock it, record a visit and a delivery, get the network back, sync, and find each record on the server once.
 */
export async function fieldLoop(driver: SmokeDriver, server: ServerProcess): Promise<void> {
	const volunteer = `烟测 ${driver.engine}`;
	await driver.goto(`${server.url}/enrol?code=${server.codes.volunteerCode}`);
	await driver.fill('#volunteer', volunteer);
	await driver.fill('#pin-new', TEST_PIN);
	await driver.fill('#pin-confirm', TEST_PIN);
	await driver.click('button[type="submit"]');
	await until(
		'the grid after enrolment',
		() => driver.run<boolean>(`return location.pathname === '/grid' && !!document.querySelector('${CHIP}');`),
		60_000
	);
	await until('the service worker to activate', () =>
		driver.run<boolean>('const r = await navigator.serviceWorker.getRegistration(); return !!r?.active;')
	);

	await server.kill();
	await driver.goto(`${server.url}/grid`);
	// Reopened, the app is locked: the PIN opens it, with the server down.
	await until('the lock screen', () =>
		driver.run<boolean>(`return !!document.querySelector('[data-testid="lock-screen"]');`)
	);
	await driver.fill('#pin', TEST_PIN);
	await driver.click('[data-testid="lock-screen"] button[type="submit"]');
	await until('the grid served with the server down', () =>
		driver.run<boolean>(`return !!document.querySelector('${CHIP}');`)
	);
	const controlled = await driver.run<boolean>('return navigator.serviceWorker.controller !== null;');
	if (!controlled) throw new Error('the reopened page was not served by the service worker');

	await driver.click(CHIP);
	await driver.click('[data-testid="outcome-refused"]');
	await until('the visit to be recorded', () =>
		driver.run<boolean>(`return document.querySelector('${CHIP}')?.dataset.state === 'refused';`)
	);

	await driver.click('a[href="/deliveries"]');
	await until('an open delivery order', () => driver.run<boolean>(`return !!document.querySelector('${OPEN_ORDER}');`));
	const orderId = await driver.run<string>(`return document.querySelector('${OPEN_ORDER}').dataset.testid;`);
	await driver.click(`[data-testid="${orderId}"] [data-testid="failed"]`);
	await driver.click(`[data-testid="${orderId}"] [data-testid="reason-nobody_home"]`);
	await until(
		'two records waiting',
		async () => (await textOf(driver, '[data-testid="pending-count"]')) === '待同步 2'
	);

	await server.start();
	await driver.click('[data-testid="sync-bar"] button');
	await until(
		'the outbox to drain',
		async () => (await textOf(driver, '[data-testid="pending-count"]')) === '待同步 0',
		30_000
	);

	const rows = serverEvents(server, volunteer);
	if (rows.length !== 2 || rows.some((r) => r.n !== 1))
		throw new Error(`server holds ${JSON.stringify(rows)} for ${volunteer}`);
}

/** Each event the volunteer's device sent, with how many times the server stored it. */
function serverEvents(server: ServerProcess, volunteer: string): { type: string; n: number }[] {
	const db = new Database(join(server.dataDir, 'doorstep.sqlite'), { readonly: true, fileMustExist: true });
	try {
		return db
			.prepare(
				'SELECT e.type AS type, COUNT(*) AS n FROM events e JOIN devices d ON d.id = e.device_id WHERE d.volunteer = ? GROUP BY e.id'
			)
			.all(volunteer) as { type: string; n: number }[];
	} finally {
		db.close();
	}
}
