import { expect, test, type Page } from '@playwright/test';
import { enrol, enrolLead } from './helpers';

// The desk role (issue 10): a volunteer the lead marks takes a phone request for any door of
// the team, and a volunteer not marked sees no desk at all.

const sync = async (page: Page) => {
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');
};

test.setTimeout(180_000);

test('the lead marks a desk volunteer, who takes a phone request in four steps; a plain volunteer gets no desk', async ({
	browser
}) => {
	const deskPage = await (await browser.newContext()).newPage();
	await enrol(deskPage, '受理台小王');
	const plain = await (await browser.newContext()).newPage();
	await enrol(plain, '普通小李');
	const lead = await (await browser.newContext()).newPage();
	await enrolLead(lead, '受理台队长');

	// Before the lead marks anyone: no desk link, and the desk screen says so.
	for (const p of [deskPage, plain]) {
		await p.goto('/needs');
		await expect(p.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(p.getByTestId('open-desk')).toHaveCount(0);
	}
	await plain.goto('/desk');
	await expect(plain.getByTestId('not-desk')).toBeVisible();
	await expect(plain.getByTestId('search')).toHaveCount(0);

	await lead.goto('/lead/needs');
	await lead.getByTestId('desk-roles').locator('summary').click();
	await lead.getByTestId('desk-受理台小王').click();
	await expect(lead.getByTestId('desk-受理台小王')).toHaveAttribute('aria-pressed', 'true');

	// The desk: search by building-unit-room, tap the household, type what is needed, save.
	await deskPage.goto('/needs');
	await deskPage.getByTestId('open-desk').click();
	await expect(deskPage).toHaveURL(/\/desk$/);
	await deskPage.getByTestId('search').fill('2-1-301');
	await deskPage.getByTestId('hit-demo-2-1-301').click();
	await deskPage.getByTestId('items').fill('胰岛素');
	await deskPage.getByTestId('save-need').click();
	await expect(deskPage.getByTestId('desk-saved')).toBeVisible();
	// By name too.
	await deskPage.getByTestId('search').fill('1-1-101');
	await expect(deskPage.getByTestId('hit-demo-1-1-101')).toBeVisible();
	await sync(deskPage);

	// The request reaches the lead's board, waiting for dispatch, taken by the desk.
	await sync(lead);
	const card = lead.locator('[data-testid^="need-"]', { hasText: '2号楼1单元 301' }).filter({ hasText: '胰岛素' });
	await expect(card).toHaveAttribute('data-state', 'new');

	// The plain volunteer still has no desk; taken back, the desk volunteer neither.
	await plain.goto('/desk');
	await expect(plain.getByTestId('not-desk')).toBeVisible();
	await lead.getByTestId('desk-受理台小王').click();
	await expect(lead.getByTestId('desk-受理台小王')).toHaveAttribute('aria-pressed', 'false');
	await deskPage.goto('/desk');
	await expect(deskPage.getByTestId('not-desk')).toBeVisible();
});
