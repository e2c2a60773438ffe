import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const DEMO_CODE = 'DEMO2026';
const DATA_DIR = process.env.E2E_DATA_DIR ?? 'test-results/e2e-data';

/** Enrols through the real form and waits until the first sync has brought the roster. */
export async function enrol(page: Page, volunteer: string): Promise<void> {
	await page.goto('/');
	await expect(page).toHaveURL(/\/enrol$/);
	await page.getByLabel('登记码').fill(DEMO_CODE);
	await page.getByLabel('志愿者姓名').fill(volunteer);
	await page.getByRole('button', { name: '登记' }).click();
	await expect(page).toHaveURL(/\/grid$/);
	await expect(page.getByTestId('chip-demo-1-1-101')).toBeVisible();
}

/** Enrols a team lead through the real form, opened from the QR link's address. */
export async function enrolLead(page: Page, name: string): Promise<void> {
	await page.goto('/enrol?code=LEAD2026');
	await expect(page.getByLabel('登记码')).toHaveValue('LEAD2026');
	await page.getByLabel('志愿者姓名').fill(name);
	await page.getByRole('button', { name: '登记' }).click();
	await expect(page).toHaveURL(/\/lead$/);
	await expect(page.getByTestId('team-total')).toContainText('全队');
}

/** Waits for the service worker to finish installing its precache. */
export async function swReady(page: Page): Promise<void> {
	await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.ready;
		return reg.active?.state;
	});
}

export async function chooseUnit(page: Page, building: string, unit: string): Promise<void> {
	await page.getByTestId('unit-switch').click();
	await page.getByTestId(`unit-${building}-${unit}`).click();
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
