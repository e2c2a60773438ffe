import { expect, test, type Page } from '@playwright/test';
import { enrol, enrolLead } from './helpers';

/** Rows in one store of the app's IndexedDB, read raw (no Dexie, no unsealing). */
const countRows = (page: Page, store: string) =>
	page.evaluate(
		(name) =>
			new Promise<number>((res, rej) => {
				const req = indexedDB.open('doorstep');
				req.onerror = () => rej(req.error);
				req.onsuccess = () => {
					const q = req.result.transaction(name).objectStore(name).count();
					q.onsuccess = () => {
						req.result.close();
						res(q.result);
					};
				};
			}),
		store
	);

// issue 11 (session 4): the lead's list of volunteers for pairing comes from the last sync when
// there is no connection, as the coverage screen does; the pair made offline reaches the phone.
test('the lead pairs a person offline from the volunteers the last sync kept', async ({ page, browser }) => {
	test.setTimeout(150_000);
	await enrol(page, '离线结对志愿者');
	await page.goto('/care/person#household=demo-1-2-102');
	await page.getByTestId('care-name').fill('离线结对奶奶');
	await page.getByTestId('care-save').click();
	await expect(page).not.toHaveURL(/\/care\/person/);
	await page.goto('/sync');
	await page.getByTestId('sync-now').click();
	await expect(page.getByTestId('pending-detail')).toHaveText('0');

	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const lead = await context.newPage();
	await enrolLead(lead, '离线结对队长');
	await lead.goto('/sync');
	await lead.getByTestId('sync-now').click();
	// The sync keeps the team's volunteers on the device (sealed rows).
	await expect.poll(() => countRows(lead, 'careVolunteers')).toBeGreaterThan(0);
	// And settles the care fold in the background: the rebuild walks the events with anyOf through
	// the sealing middleware, which failed in Chromium ("Illegal invocation" on a wrapped cursor's
	// key) and left every household marked, so each open folded the whole history again.
	await expect.poll(() => countRows(lead, 'careDirty')).toBe(0);
	expect(await countRows(lead, 'careFold')).toBeGreaterThan(0);
	await lead.goto('/lead/care');
	const row = lead.getByTestId('ledger-row').filter({ hasText: '离线结对奶奶' });
	await expect(row).toBeVisible();

	await context.setOffline(true);
	await row.click();
	const sheet = lead.getByTestId('ledger-sheet');
	await expect(sheet.getByTestId('pair-cached')).toBeVisible();
	await sheet.getByTestId('pair-离线结对志愿者').click();
	await expect(sheet.getByRole('heading', { name: /离线结对志愿者/ })).toBeVisible();

	await context.setOffline(false);
	await lead.goto('/sync');
	await lead.getByTestId('sync-now').click();
	await expect(lead.getByTestId('pending-detail')).toHaveText('0');
	await page.getByTestId('sync-now').click();
	await page.goto('/care');
	await expect(page.getByRole('link', { name: '离线结对奶奶' })).toBeVisible();
	await context.close();
});
