import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

const DATA_DIR = process.env.E2E_DATA_DIR ?? 'test-results/e2e-data';

export interface DemoCodes {
	volunteerCode: string;
	leadCode: string;
}

/**
 * The demo community's current codes: random, drawn when the test server's store was made by
 * the operator's command (`npm run admin -- demo`, see playwright.config.ts and ServerProcess),
 * and read from the store each time, since a revoke with approval off rotates the volunteer code.
 */
export function demoCodes(dataDir = DATA_DIR): DemoCodes {
	const code = (role: string) =>
		serverStore(
			(db) =>
				(db.prepare("SELECT code FROM invites WHERE team_id = 'demo-team' AND role = ? AND revoked_at IS NULL").get(role) as
					| { code: string }
					| undefined)?.code ?? '',
			dataDir
		);
	return { volunteerCode: code('volunteer'), leadCode: code('lead') };
}

/** Loads the demo community into a fresh store the way an operator would, and keeps its codes. */
export function loadDemo(dataDir: string, extra: string[] = ['--approval', 'off', '--full-team']): DemoCodes {
	mkdirSync(dataDir, { recursive: true });
	const out = execFileSync('npm', ['run', '-s', 'admin', '--', 'demo', ...extra, '--json'], {
		env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
		encoding: 'utf8'
	});
	return JSON.parse(out) as DemoCodes;
}

/** Enrols through the real form and waits until the first sync has brought the roster. */
export async function enrol(page: Page, volunteer: string, code = demoCodes().volunteerCode): Promise<void> {
	await page.goto('/');
	await expect(page).toHaveURL(/\/enrol$/);
	await page.getByLabel('登记码').fill(code);
	await page.getByLabel('志愿者姓名').fill(volunteer);
	await page.getByRole('button', { name: '登记' }).click();
	await expect(page).toHaveURL(/\/grid$/);
	await expect(page.getByTestId('chip-demo-1-1-101')).toBeVisible();
}

/** Enrols a team lead through the real form, opened from the QR link's address. */
export async function enrolLead(page: Page, name: string, code = demoCodes().leadCode): Promise<void> {
	await page.goto(`/enrol?code=${code}`);
	await expect(page.getByLabel('登记码')).toHaveValue(code);
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
