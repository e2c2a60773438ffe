import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { demoCodes as codesIn, loadDemo as loadDemoInto, type DemoCodes } from '../support/codes.js';
import { chooseUnit, enrolLead as enrolLeadFlow, enrolVolunteer } from '../support/flows.js';

export { chooseUnit };
const DATA_DIR = process.env.E2E_DATA_DIR ?? 'test-results/e2e-data';

export type { DemoCodes };

/** The demo community's current codes in the test server's store (see tests/support/codes.js). */
export const demoCodes = (dataDir = DATA_DIR): DemoCodes => codesIn(dataDir);

/** Loads the demo community into a fresh SQLite store the way an operator would. */
export const loadDemo = (dataDir: string, options?: string[]): DemoCodes =>
	loadDemoInto({ DATA_DIR: dataDir }, options);

/** Enrols through the real form and waits until the first sync has brought the roster. */
export async function enrol(page: Page, volunteer: string, code = demoCodes().volunteerCode): Promise<void> {
	await enrolVolunteer(page, volunteer, { code });
	await expect(page.getByTestId('chip-demo-1-1-101')).toBeVisible();
}

/** Enrols a team lead through the real form, opened from the QR link's address. */
export async function enrolLead(page: Page, name: string, code = demoCodes().leadCode): Promise<void> {
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

/** Read-only look into the server's SQLite store, as an operator would. */
export function serverStore<T>(fn: (db: Database.Database) => T, dataDir = DATA_DIR): T {
	const db = new Database(join(dataDir, 'doorstep.sqlite'), { readonly: true, fileMustExist: true });
	try {
		return fn(db);
	} finally {
		db.close();
	}
}
