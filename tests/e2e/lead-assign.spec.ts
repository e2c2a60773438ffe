import { expect, test } from '@playwright/test';
import { chip, enrol, enrolLead, serverStore } from './helpers';

test('reassigned mid-shift: the work leaves the volunteer device at its next sync and its unsent records still arrive', async ({
	browser
}) => {
	const volCtx = await browser.newContext();
	const vol = await volCtx.newPage();
	await enrol(vol, '吴志愿');
	await volCtx.setOffline(true);
	await chip(vol, 'demo-1-1-101').click();
	await vol.getByTestId('outcome-nobody_home').click();
	await expect(vol.getByTestId('pending-count')).toHaveText('待同步 1');

	const leadCtx = await browser.newContext();
	const lead = await leadCtx.newPage();
	await enrolLead(lead, '分配队长');
	await lead.goto('/lead/assign');
	await lead.getByTestId('assign-volunteer').filter({ hasText: '吴志愿' }).click();
	await lead.getByTestId('assign-3-2').click();
	await expect(lead.getByTestId('assign-3-2')).toHaveAttribute('aria-pressed', 'true');

	await volCtx.setOffline(false);
	await vol.getByRole('button', { name: '立即同步' }).click();
	await expect(vol.getByTestId('pending-count')).toHaveText('待同步 0');
	await expect(vol.getByTestId('unit-switch')).toContainText('3号楼 2单元');
	await vol.getByTestId('unit-switch').click();
	await expect(vol.getByTestId('unit-1-1')).toHaveCount(0);
	await expect(vol.getByTestId('unit-3-1')).toHaveCount(0);
	await expect(vol.getByTestId('unit-3-2')).toBeVisible();
	const stored = serverStore((db) =>
		db
			.prepare("SELECT COUNT(*) AS n FROM events e JOIN devices d ON d.id = e.device_id WHERE d.volunteer = '吴志愿'")
			.get()
	);
	expect(stored).toEqual({ n: 1 });

	// Taking the unit back gives the volunteer the whole team again.
	await lead.getByTestId('assign-3-2').click();
	await expect(lead.getByTestId('assign-3-2')).toHaveAttribute('aria-pressed', 'false');
	await vol.getByRole('button', { name: '立即同步' }).click();
	await expect(vol.getByTestId('unit-1-1')).toBeVisible();
	await leadCtx.close();
	await volCtx.close();
});

test('a lead can hand out a single floor; the volunteer then sees only that floor', async ({ browser }) => {
	const volCtx = await browser.newContext();
	const vol = await volCtx.newPage();
	await enrol(vol, '郑志愿');
	const leadCtx = await browser.newContext();
	const lead = await leadCtx.newPage();
	await enrolLead(lead, '楼层队长');
	await lead.goto('/lead/assign');
	await lead.getByTestId('assign-volunteer').filter({ hasText: '郑志愿' }).click();
	await lead.getByTestId('assign-floors-3-1').click();
	await lead.getByTestId('assign-3-1-2').click();
	await expect(lead.getByTestId('assign-3-1-2')).toHaveAttribute('aria-pressed', 'true');

	await vol.getByRole('button', { name: '立即同步' }).click();
	await expect(vol.getByTestId('unit-switch')).toContainText('3号楼 1单元');
	await expect(vol.locator('[data-testid^="chip-"]')).toHaveCount(2);
	await expect(chip(vol, 'demo-3-1-201')).toBeVisible();
	await expect(chip(vol, 'demo-3-1-202')).toBeVisible();
	await leadCtx.close();
	await volCtx.close();
});
