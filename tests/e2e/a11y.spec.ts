import { expect, test } from '@playwright/test';
import { checkTargets, seriousViolations } from './a11y-checks';
import { chip, enrol, enrolLead } from './helpers';

test.use({ viewport: { width: 360, height: 740 } });

test('main screens have no serious or critical accessibility violations, in Chinese and English', async ({ page }) => {
	await page.goto('/');
	await expect(page).toHaveURL(/\/enrol$/);
	expect(await seriousViolations(page)).toEqual([]);
	await enrol(page, '无障碍');
	expect(await seriousViolations(page)).toEqual([]);
	await chip(page, 'demo-1-1-101').click();
	await expect(page.getByTestId('record-sheet')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await page.keyboard.press('Escape');
	for (const path of ['/deliveries', '/sync']) {
		await page.goto(path);
		await expect(page.getByTestId('sync-bar')).toBeVisible();
		expect(await seriousViolations(page)).toEqual([]);
	}
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { name: 'Sync' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	expect(await seriousViolations(page)).toEqual([]);
	await page.goto('/grid');
	await expect(page.getByTestId('unit-progress')).toContainText('households');
	expect(await seriousViolations(page)).toEqual([]);
});

test('touch targets are at least 48 px and nothing scrolls sideways at 360 px', async ({ page, browser }) => {
	await enrol(page, '大按钮');
	await checkTargets(page, ['/grid', '/deliveries', '/sync']);
	const lead = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
	await enrolLead(lead, '大按钮队长');
	await checkTargets(lead, ['/lead', '/lead/manage', '/lead/devices', '/lead/shift', '/lead/refused', '/lead/rounds', '/lead/assign', '/lead/import', '/lead/export']);
	await lead.context().close();
});


test('every lead screen has no serious or critical accessibility violations, in Chinese and English', async ({ page }) => {
	await enrolLead(page, '无障碍队长');
	const screens = ['/lead', '/lead/manage', '/lead/devices', '/lead/shift', '/lead/refused', '/lead/rounds', '/lead/assign', '/lead/import', '/lead/export'];
	for (const lang of ['zh-CN', 'en']) {
		for (const path of screens) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await page.waitForLoadState('networkidle');
			expect(await seriousViolations(page), `${lang} ${path}`).toEqual([]);
		}
		if (lang === 'zh-CN') {
			await page.goto('/sync');
			await page.getByRole('button', { name: 'English' }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		}
	}
	// The building grid opened inside coverage, in English.
	await page.goto('/lead');
	await page.getByTestId('building-1').click();
	await expect(page.getByText('Read only · lead view')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
});
