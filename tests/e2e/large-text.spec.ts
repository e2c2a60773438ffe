import { expect, test } from '@playwright/test';
import { chip, enrol, enrolLead } from './helpers';
import { checkScreens, layoutProblems, textAt200 } from './layout-checks';

test.use({ viewport: { width: 360, height: 740 } });

const LEAD_SCREENS = [
	'/lead',
	'/lead/manage',
	'/lead/devices',
	'/lead/shift',
	'/lead/rounds',
	'/lead/assign',
	'/lead/import',
	'/lead/export'
];

test('at 360 px with text at 200 %, volunteer screens do not scroll sideways, cut text or shrink targets', async ({
	page
}) => {
	await textAt200(page);
	await enrol(page, '大字');
	expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('34px');
	await checkScreens(page, ['/grid', '/deliveries', '/sync']);
	await page.goto('/grid');
	await chip(page, 'demo-1-1-101').click();
	await expect(page.getByTestId('record-sheet')).toBeVisible();
	expect(await layoutProblems(page), 'record sheet').toEqual([]);
	await page.keyboard.press('Escape');
	await page.goto('/deliveries');
	await page.locator('[data-testid^="order-"]').first().getByTestId('delivered').click();
	expect(await layoutProblems(page), 'delivery amount').toEqual([]);
});

test('at 360 px with text at 200 %, the lead’s screens do not scroll sideways, cut text or shrink targets', async ({
	page
}) => {
	await textAt200(page);
	await enrolLead(page, '大字队长');
	await checkScreens(page, LEAD_SCREENS);
	await page.goto('/lead');
	await page.getByTestId('building-1').click();
	expect(await layoutProblems(page), 'lead building grid').toEqual([]);
});
