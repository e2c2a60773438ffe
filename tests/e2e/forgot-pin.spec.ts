import { expect, test } from '@playwright/test';
import { seriousViolations, targetsOk } from './a11y-checks';
import { chip, enrol, enrolLead, serverStore } from './helpers';

/** Counts of the stores that matter, as the browser holds them. */
const stores = (page: import('@playwright/test').Page) =>
	page.evaluate(async () => {
		const idb = await new Promise<IDBDatabase>((ok) => {
			const req = indexedDB.open('doorstep');
			req.onsuccess = () => ok(req.result);
		});
		const count = (name: string) =>
			new Promise<number>((ok) => {
				const req = idb.transaction(name).objectStore(name).count();
				req.onsuccess = () => ok(req.result);
			});
		const out = { outbox: await count('outbox'), events: await count('events'), meta: await count('meta') };
		idb.close();
		return out;
	});

test('a forgotten PIN: the phone says how many records are unsent; written off, the lead is told the number, the phone is erased and enrols again', async ({
	page,
	context,
	browser
}) => {
	await enrol(page, '忘码志愿');
	await page.removeLocatorHandler(page.getByTestId('lock-screen'));
	await context.setOffline(true);
	await chip(page, 'demo-1-1-401').click();
	await page.getByTestId('all-sampled').click();
	await chip(page, 'demo-1-1-402').click();
	await page.getByTestId('outcome-nobody_home').click();
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 2');
	await page.reload();

	// The explanation names the number; "keep trying" goes back to the PIN.
	await page.getByTestId('forgot-pin-open').click();
	await expect(page.getByTestId('unsent-count')).toContainText('2');
	await page.getByTestId('keep-trying').click();
	await expect(page.getByTestId('pin')).toBeVisible();
	await page.getByTestId('forgot-pin-open').click();

	// Declining the confirm changes nothing; offline, the lead cannot be told, so nothing is erased.
	page.once('dialog', (d) => void d.dismiss());
	await page.getByTestId('write-off').click();
	let asked = '';
	page.once('dialog', (d) => {
		asked = d.message();
		void d.accept();
	});
	await page.getByTestId('write-off').click();
	await expect(page.getByTestId('forgot-pin').getByRole('alert')).toBeVisible();
	expect(asked).toContain('2');
	expect(await stores(page)).toMatchObject({ outbox: 2 });
	await expect(page.getByTestId('lock-screen')).toBeVisible();

	// Online: told, erased, and the enrolment screen.
	await context.setOffline(false);
	page.once('dialog', (d) => void d.accept());
	await page.getByTestId('write-off').click();
	await page.waitForURL(/\/enrol$/);
	expect(await stores(page)).toEqual({ outbox: 0, events: 0, meta: 0 });
	const notice = serverStore(
		(db) =>
			db
				.prepare(
					'SELECT COUNT(*) AS n, MIN(d.revoked_at) AS revoked FROM written_off w JOIN devices d ON d.id = w.device_id WHERE d.volunteer = ?'
				)
				.get('忘码志愿') as { n: number; revoked: string | null }
	);
	expect(notice.n).toBe(2);
	expect(notice.revoked).not.toBeNull();

	// The lead sees the loss on the devices screen.
	const lead = await (await browser.newContext()).newPage();
	await enrolLead(lead, '忘码组长');
	await lead.goto('/lead/devices');
	const row = lead.getByTestId('device-row').filter({ hasText: '忘码志愿' });
	await expect(row.getByTestId('written-off')).toContainText('2');
	await expect(row).toContainText('已停用');
	await lead.context().close();

	// The phone enrols again as a new device, with a new PIN.
	await enrol(page, '忘码志愿');
	await expect(chip(page, 'demo-1-1-401')).toBeVisible();
});

test.describe('at 360 px', () => {
	test.use({ viewport: { width: 360, height: 740 } });
	test('the forgotten-PIN explanation passes axe and has 48 px targets, in Chinese and English', async ({ page }) => {
		await enrol(page, '无障碍忘码');
		await page.removeLocatorHandler(page.getByTestId('lock-screen'));
		await page.reload();
		await page.getByTestId('forgot-pin-open').click();
		for (const lang of ['zh-CN', 'en']) {
			if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expect(page.getByTestId('forgot-pin')).toBeVisible();
			expect(await seriousViolations(page), lang).toEqual([]);
			await targetsOk(page, `forgot PIN ${lang}`);
		}
	});
});
