import { expect, test } from '@playwright/test';
import { enrol, enrolLead } from './helpers';

test("the lead's skills put a driver first for a ride; the lead's promised time marks a request overdue on the board, offline too", async ({
	browser
}) => {
	for (const name of ['设置甲', '设置乙']) await enrol(await (await browser.newContext()).newPage(), name);
	const ctx = await browser.newContext();
	const lead = await ctx.newPage();
	await lead.clock.install();
	await enrolLead(lead, '设置队长');
	await lead.goto('/lead/needs');

	// 设置乙 drives: a ride to hospital suggests them first, with the skill shown.
	await lead.getByTestId('skills-editor').locator('summary').click();
	await lead.getByTestId('skills-设置乙').getByTestId('skill-driver').click();
	await expect(lead.getByTestId('skills-设置乙').getByTestId('skill-driver')).toHaveAttribute('aria-pressed', 'true');
	await lead.getByTestId('search').fill('1-1-101');
	await lead.getByTestId('hit-demo-1-1-101').click();
	await lead.getByTestId('kind-escort').click();
	await lead.getByTestId('items').fill('透析接送');
	await lead.getByTestId('save-need').click();
	const give = lead.locator('[data-testid^="give-设置"]');
	await expect(give.first()).toHaveAttribute('data-testid', 'give-设置乙');
	await expect(give.first()).toContainText('会开车');
	await lead.getByTestId('to-pool').click();

	// Escort is promised an answer within 30 minutes by default: not overdue after 5.
	const card = lead.locator('[data-testid^="need-"]').filter({ hasText: '透析接送' });
	await lead.clock.fastForward('05:00');
	await expect(card).toHaveAttribute('data-overdue', 'no');
	await lead.getByTestId('promises-editor').locator('summary').click();
	await lead.getByTestId('respond-escort').fill('2');
	await lead.getByTestId('save-promise-escort').click();
	await expect(lead.getByTestId('promise-escort')).toContainText('已修改');
	await expect(card).toHaveAttribute('data-overdue', 'yes');

	// Offline, the board still judges by the lead's time.
	await ctx.setOffline(true);
	await lead.reload();
	await expect(card).toHaveAttribute('data-overdue', 'yes');
	await ctx.setOffline(false);
});
