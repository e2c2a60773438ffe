import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoCodes as codesIn, loadDemo as loadDemoInto, type DemoCodes } from '../support/codes.js';
import { chooseUnit, enrolLead as enrolLeadFlow, enrolVolunteer } from '../support/flows.js';
import { e2eServer } from '../support/e2e-server.js';

export { chooseUnit };
/** This worker's server's store (tests/support/e2e-server.js). */
const DATA_DIR = e2eServer().dataDir;

export type { DemoCodes };

/** The demo community's current codes in the test server's store (see tests/support/codes.js). */
export const demoCodes = (dataDir = DATA_DIR): DemoCodes => codesIn(dataDir);

/** Loads the demo community into a fresh SQLite store the way an operator would. */
export const loadDemo = (dataDir: string, options?: string[]): DemoCodes =>
	loadDemoInto({ DATA_DIR: dataDir }, options);

/**
 * Prints a page's uncaught errors into the test's output, named by who holds the page: a screen
 * that stops following its data after a thrown effect shows only as a stale element in the
 * failure, and the run's log is all CI keeps (the resident-rating flake of session 9's CI run).
 * Test data only: these pages hold the demo community, no one's real data.
 */
function printPageErrors(page: Page, who: string): void {
	page.on('pageerror', (e) => console.log(`[${who}] uncaught in the page: ${e.stack ?? e.message}`));
	page.on('console', (m) => {
		if (m.type() === 'error' && m.text().startsWith('live query failed')) console.log(`[${who}] ${m.text()}`);
	});
}

/** Enrols through the real form and waits until the first sync has brought the roster. */
export async function enrol(page: Page, volunteer: string, code = demoCodes().volunteerCode): Promise<void> {
	printPageErrors(page, volunteer);
	await enrolVolunteer(page, volunteer, { code });
	await expect(page.getByTestId('chip-demo-1-1-101')).toBeVisible();
}

/** Enrols a team lead through the real form, opened from the QR link's address. */
export async function enrolLead(page: Page, name: string, code = demoCodes().leadCode): Promise<void> {
	printPageErrors(page, name);
	await enrolLeadFlow(page, name, { code });
	await expect(page.getByTestId('team-total')).toContainText('全队');
}

/** Waits for the service worker to finish installing its precache. */
export async function swReady(page: Page): Promise<void> {
	await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.ready;
		return reg.active?.state;
	});
}

export const chip = (page: Page, householdId: string) => page.getByTestId(`chip-${householdId}`);

/**
 * What this try adds to the names and texts it makes: nothing on a first run, its repeat and retry
 * index otherwise. A retry (playwright.config.ts) or a repeat runs on the same server as the try
 * before it, so its volunteers, leads and requests need names of their own, or a board would hold
 * two of each.
 */
export function trySuffix(): string {
	const { retry, repeatEachIndex } = test.info();
	return retry || repeatEachIndex ? `-${repeatEachIndex}-${retry}` : '';
}

/** Read-only look into the server's SQLite store, as an operator would. */
export function serverStore<T>(fn: (db: Database.Database) => T, dataDir = DATA_DIR): T {
	const db = new Database(join(dataDir, 'doorstep.sqlite'), { readonly: true, fileMustExist: true });
	try {
		return fn(db);
	} finally {
		db.close();
	}
}

/** A phone of its own (a fresh context) enrolled at `baseURL` with `code`, its service worker installed. */
export async function deviceOn(browser: Browser, baseURL: string, name: string, code: string): Promise<Page> {
	const page = await (await browser.newContext({ baseURL })).newPage();
	await enrol(page, name, code);
	await swReady(page);
	return page;
}

/** Records "refused" at each door, waiting for each chip to show it (after the IndexedDB commit). */
export async function recordRefused(page: Page, ids: string[]): Promise<void> {
	for (const id of ids) {
		await chip(page, id).click();
		await page.getByTestId('outcome-refused').click();
		await expect(chip(page, id)).toHaveAttribute('data-state', 'refused');
	}
}

/** Opens the lead's resident-page panel and switches the page on, whatever an earlier test on this server left. */
export async function residentPageOn(lead: Page): Promise<void> {
	await lead.getByTestId('resident-qr').locator('summary').click();
	const toggle = lead.getByTestId('resident-switch');
	await expect(toggle).toBeVisible();
	// The switch and the buildings' links come from the same answer: no link means it is off.
	if (!(await lead.getByTestId('resident-link-1').isVisible())) await toggle.click();
	await expect(lead.getByTestId('resident-link-1')).toBeVisible();
}
