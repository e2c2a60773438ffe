import { expect, type Page } from '@playwright/test';
import { serverStore } from './helpers';

// Steps of the care ledger's browser tests (issue 11), shared by care.spec.ts and a11y.spec.ts.

/** The lead imports a roster file through the import screen and waits for the care summary. */
export async function importCareRoster(page: Page, file = 'tests/fixtures/roster-care.csv'): Promise<void> {
	await page.goto('/lead/import');
	await page.getByTestId('roster-file').setInputFiles(file);
	await page.getByTestId('import-confirm').click();
	await expect(page.getByTestId('import-done')).toBeVisible();
	await expect(page.getByTestId('import-care')).toBeVisible();
}

/** Events of a type the server holds about one building (read-only, as an operator would look). */
export const serverCount = (type: string, building: string): number =>
	(
		serverStore((db) =>
			db
				.prepare(
					'SELECT COUNT(*) AS n FROM events e JOIN households h ON h.id = e.household_id WHERE e.type = ? AND h.building = ?'
				)
				.get(type, building)
		) as { n: number }
	).n;

/** Nudges a sync from the sync screen and waits until nothing is left to send. */
export async function syncNow(page: Page): Promise<void> {
	await page.goto('/sync');
	await page.getByTestId('sync-now').click();
	await expect(page.getByTestId('pending-detail')).toHaveText('0');
	await expect(page.getByTestId('sync-now')).toBeEnabled();
}

/** The volunteer adds a person at a door from the grid's record sheet. */
export async function addPersonAtDoor(page: Page, householdId: string, name: string): Promise<void> {
	await page.getByTestId(`chip-${householdId}`).click();
	await page.getByTestId('care-add').click();
	await page.getByTestId('care-name').fill(name);
	await page.getByTestId('care-cat-独居老人').click();
	await page.getByTestId('care-mobility-housebound').click();
	await page.getByTestId('care-phone').fill('13800001234');
	await page.getByTestId('care-save').click();
	await expect(page).toHaveURL(/\/grid$/);
}
