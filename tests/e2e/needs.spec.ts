import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { enrol, enrolLead, serverStore } from './helpers';

const sync = async (page: Page) => {
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');
};

/** The desk takes a request for 1号楼1单元101 and answers the new card. */
async function takeRequest(lead: Page, kind: string, items: string) {
	await lead.goto('/lead/needs');
	const cards = lead.locator('[data-testid^="need-"]');
	// The demo's delivery orders are on the board as requests once IndexedDB has answered.
	await expect(cards.first()).toBeVisible();
	const ids = async () => new Set(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!)));
	const before = await ids();
	await lead.getByTestId('search').fill('1-1-101');
	await lead.getByTestId('hit-demo-1-1-101').click();
	await lead.getByTestId(`kind-${kind}`).click();
	await lead.getByTestId('items').fill(items);
	await lead.getByTestId('save-need').click();
	await expect(cards).toHaveCount(before.size + 1);
	const added = [...(await ids())].find((t) => !before.has(t))!;
	return added.slice('need-'.length);
}

test('the desk takes a phone request, the lead assigns it, the volunteer offline does it and collects money; the board shows it done with its times', async ({
	browser
}) => {
	const volCtx = await browser.newContext();
	const vol = await volCtx.newPage();
	await enrol(vol, '需求志愿');
	const leadCtx = await browser.newContext();
	const lead = await leadCtx.newPage();
	await enrolLead(lead, '需求队长');

	const id = await takeRequest(lead, 'shopping', '大米 5kg,鸡蛋');
	const card = lead.getByTestId(`need-${id}`);
	// Saved at the desk, the request opens straight on whom to give it to.
	await card.getByTestId('give-需求志愿').click();
	await expect(card).toHaveAttribute('data-state', 'held');
	await sync(lead);

	await vol.goto('/needs');
	await sync(vol);
	await volCtx.setOffline(true);
	const task = vol.getByTestId(`need-${id}`);
	await expect(task).toContainText('大米 5kg、鸡蛋');
	await task.getByTestId('on-the-way').click();
	await expect(task).toHaveAttribute('data-state', 'on_the_way');
	await task.getByTestId('done').click();
	await task.getByTestId('amount').fill('45.5');
	await task.getByTestId('rating-good').click();
	await task.getByTestId('words').fill('谢谢志愿者');
	await task.getByTestId('confirm-done').click();
	await expect(task).toHaveCount(0);
	await expect(vol.getByTestId('pending-count')).toHaveText('待同步 2');
	await volCtx.setOffline(false);
	await sync(vol);

	await lead.getByRole('button', { name: '立即同步' }).click();
	// Done, it leaves the open board; the closed part (read when opened) shows it with its times.
	await expect(lead.getByTestId(`need-${id}`)).toHaveCount(0);
	await lead.getByTestId('closed-part').locator('summary').click();
	const closed = lead.getByTestId(`need-${id}`);
	await expect(closed).toHaveAttribute('data-state', 'done');
	await expect(closed).toContainText('¥45.50');
	await expect(closed).toContainText('满意');
	await expect(closed.getByTestId('times')).toContainText('接单');
	await expect(closed.getByTestId('times')).toContainText('结束');
	// Feedback per volunteer: this one's done request, rated 满意.
	await expect(lead.getByTestId('feedback-by-volunteer').getByRole('row', { name: /需求志愿/ })).toContainText(
		/需求志愿\s*1\s*1/
	);
	// The export has the request with every time, who, the money and the rating; the summary its kind.
	const csv = async (testId: string) => {
		const [download] = await Promise.all([lead.waitForEvent('download'), lead.getByTestId(testId).click()]);
		return readFileSync((await download.path())!, 'utf8');
	};
	const requests = await csv('export-needs-requests-csv');
	expect(requests).toContain('接单时间');
	const line = requests.split('\n').find((l) => l.includes(id))!;
	expect(line).toContain('45.5');
	expect(line).toContain('满意');
	expect(line).toContain('需求志愿');
	expect(await csv('export-needs-summary-csv')).toContain('代购');
	const stored = serverStore((db) =>
		db.prepare("SELECT type FROM events WHERE type LIKE 'need_%' AND body LIKE ? ORDER BY seq").all(`%${id}%`)
	);
	expect(stored).toEqual([
		{ type: 'need_created' },
		{ type: 'need_dispatched' },
		{ type: 'need_on_the_way' },
		{ type: 'need_done' }
	]);
	await leadCtx.close();
	await volCtx.close();
});

test('two volunteers claim the same pool request offline; after both sync exactly one owns it everywhere', async ({
	browser
}) => {
	const leadCtx = await browser.newContext();
	const lead = await leadCtx.newPage();
	await enrolLead(lead, '抢单队长');
	const id = await takeRequest(lead, 'medicine', '降压药');
	const card = lead.getByTestId(`need-${id}`);
	await card.getByTestId('to-pool').click();
	await expect(card).toHaveAttribute('data-state', 'pool');
	await sync(lead);

	const phones: Page[] = [];
	for (const name of ['抢单甲', '抢单乙']) {
		const ctx = await browser.newContext();
		const page = await ctx.newPage();
		await enrol(page, name);
		await page.goto('/needs');
		await expect(page.getByTestId(`need-${id}`)).toHaveAttribute('data-state', 'pool');
		await ctx.setOffline(true);
		await page.getByTestId(`need-${id}`).getByTestId('claim').click();
		await expect(page.getByTestId(`need-${id}`).getByTestId('on-the-way')).toBeVisible();
		phones.push(page);
	}
	const [first, second] = phones;
	await first.context().setOffline(false);
	await sync(first);
	await second.context().setOffline(false);
	await sync(second);
	// The second claim reached the server later: its phone is told who has it, and it leaves the list.
	await expect(second.getByTestId(`lost-${id}`)).toContainText('已由 抢单甲 接单');
	await expect(second.getByTestId(`need-${id}`)).toHaveCount(0);
	await first.getByRole('button', { name: '立即同步' }).click();
	await expect(first.getByTestId(`need-${id}`).getByTestId('on-the-way')).toBeVisible();
	await expect(first.getByTestId(`lost-${id}`)).toHaveCount(0);
	await lead.getByRole('button', { name: '立即同步' }).click();
	await expect(lead.getByTestId(`need-${id}`)).toContainText('抢单甲 负责');
	const claims = serverStore((db) =>
		db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'need_claimed' AND body LIKE ?").get(`%${id}%`)
	);
	expect(claims).toEqual({ n: 2 });
	for (const p of phones) await p.context().close();
	await leadCtx.close();
});
