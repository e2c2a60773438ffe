import { expect, test, type Page } from '@playwright/test';
import { chip, chooseUnit, demoCodes, enrol, enrolLead } from './helpers';
import { fillNewPin } from '../support/flows.js';

const totals = async (page: Page) => {
	const text = (await page.getByTestId('team-total').textContent()) ?? '';
	const [, done, , peopleDone] = /(\d+)\/(\d+)户 · (\d+)\/(\d+)人/.exec(text)!.map(Number);
	return { done, peopleDone };
};

test('the lead enrols a volunteer by QR code, and sees coverage and the shift change as the volunteer syncs', async ({
	browser
}) => {
	const leadCtx = await browser.newContext();
	const lead = await leadCtx.newPage();
	await enrolLead(lead, '刘队长');
	const before = await totals(lead);

	// The QR code carries the enrolment link with the volunteer code.
	await lead.goto('/lead/devices');
	await expect(lead.getByTestId('enrol-qr')).toBeVisible();
	const code = await lead.getByTestId('enrol-code').textContent();
	expect(code).toBe(demoCodes().volunteerCode);

	const volCtx = await browser.newContext();
	const vol = await volCtx.newPage();
	await vol.goto(`/enrol?code=${code}`);
	await expect(vol.getByLabel('登记码')).toHaveValue(demoCodes().volunteerCode);
	await vol.getByLabel('志愿者姓名').fill('周志愿');
	await fillNewPin(vol);
	await vol.getByRole('button', { name: '登记' }).click();
	await expect(vol).toHaveURL(/\/grid$/);
	await volCtx.setOffline(true);
	await chooseUnit(vol, '3', '1');
	await chip(vol, 'demo-3-1-101').click();
	const residents = Number((await vol.getByTestId('all-sampled').textContent())!.match(/\/(\d+)/)![1]);
	await vol.getByTestId('all-sampled').click();
	await chip(vol, 'demo-3-1-102').click();
	await vol.getByTestId('outcome-nobody_home').click();
	await expect(vol.getByTestId('pending-count')).toHaveText('待同步 2');

	// The shift has ended; the volunteer's device has not handed its work in.
	await lead.goto('/lead/shift');
	await lead.getByTestId('shift-check').click();
	await expect(lead.getByTestId('shift-verdict')).toContainText('未同步');
	await expect(lead.getByTestId('shift-device').filter({ hasText: '周志愿' })).toContainText('交班后未同步');

	await volCtx.setOffline(false);
	await vol.getByRole('button', { name: '立即同步' }).click();
	await expect(vol.getByTestId('pending-count')).toHaveText('待同步 0');

	await lead.getByTestId('shift-check').click();
	await expect(lead.getByTestId('shift-device').filter({ hasText: '周志愿' })).toContainText('交班后已同步');

	await lead.goto('/lead');
	await lead.getByRole('button', { name: '立即同步' }).click();
	await expect.poll(() => totals(lead)).toEqual({ done: before.done + 1, peopleDone: before.peopleDone + residents });
	await expect(lead.getByTestId('missing-demo-3-1-102')).toContainText('无人·复访');
	await expect(lead.getByTestId('missing-demo-3-1-101')).toHaveCount(0);

	// The lead revokes the volunteer's device; its next sync is refused.
	await lead.goto('/lead/devices');
	lead.once('dialog', (d) => void d.accept());
	await lead.getByTestId('device-row').filter({ hasText: '周志愿' }).getByRole('button', { name: '停用' }).click();
	await expect(lead.getByTestId('device-row').filter({ hasText: '周志愿' })).toContainText('已停用');
	await vol.getByRole('button', { name: '立即同步' }).click();
	await expect(vol.getByTestId('sync-label')).toContainText('同步失败');

	await leadCtx.close();
	await volCtx.close();
});

test('a volunteer device has no lead screens', async ({ page }) => {
	await enrol(page, '普通志愿');
	await expect(page.getByRole('link', { name: /管理/ })).toHaveCount(0);
});

test('a new sampling round starts every household afresh and keeps the last round', async ({ page }) => {
	await enrolLead(page, '刘队长');
	await page.goto('/lead/rounds');
	const rows = page.getByTestId('round-row');
	await expect(rows.first()).toBeVisible();
	const count = await rows.count();
	await page.getByLabel('日期').fill('2030-01-02');
	await page.getByTestId('start-round').click();
	await expect(rows).toHaveCount(count + 1);
	await expect(rows.first()).toContainText('2030-01-02');
	await expect(rows.first()).toContainText('进行中');
	await expect(page.getByTestId('round-row').filter({ hasText: '进行中' })).toHaveCount(1);
	await page.goto('/lead');
	await expect(page.getByTestId('team-total')).toContainText('全队 0/');
});
