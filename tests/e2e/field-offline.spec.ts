import { expect, test } from '@playwright/test';
import { chip, chooseUnit, enrol, serverStore, swReady } from './helpers';

/** Twenty households across two units, each with the outcome the volunteer taps. */
const VISITS: { id: string; action: string; state: string }[] = [
	...['101', '102', '201', '202', '301', '302', '401', '402'].map((room) => ({
		id: `demo-1-1-${room}`,
		action: 'all',
		state: 'done'
	})),
	{ id: 'demo-1-1-501', action: 'outcome-nobody_home', state: 'revisit' },
	{ id: 'demo-1-1-502', action: 'outcome-refused', state: 'refused' },
	{ id: 'demo-1-1-601', action: 'outcome-not_living', state: 'not_living' },
	{ id: 'demo-1-1-602', action: 'outcome-sampled_elsewhere', state: 'elsewhere' },
	...['101', '102', '201', '202', '301', '302', '401', '402'].map((room) => ({
		id: `demo-1-2-${room}`,
		action: 'all',
		state: 'done'
	}))
];

test('a volunteer records a round offline, cold-starting from the service worker, and it reaches the server and a second device', async ({
	browser
}) => {
	const a = await browser.newContext();
	const page = await a.newPage();
	await enrol(page, '王志愿');
	await swReady(page);

	// Cold start with no network: a fresh page must be served by the service worker.
	await a.setOffline(true);
	await page.close();
	const cold = await a.newPage();
	const response = await cold.goto('/grid');
	expect(response?.fromServiceWorker()).toBe(true);
	await expect(chip(cold, 'demo-1-1-101')).toBeVisible();
	await expect(cold.getByTestId('sync-label')).toHaveText('离线');

	for (const [i, v] of VISITS.entries()) {
		if (i === 12) await chooseUnit(cold, '1', '2');
		await chip(cold, v.id).click();
		await cold.getByTestId(v.action === 'all' ? 'all-sampled' : v.action).click();
		await expect(chip(cold, v.id)).toHaveAttribute('data-state', v.state);
	}

	await cold.getByRole('link', { name: /配送/ }).click();
	const orders = cold.locator('[data-testid^="order-"][data-state="open"]');
	await expect(orders.first()).toBeVisible();
	const open = await orders.count();
	// Medicine first: the first open order is a medicine purchase, paid at the door.
	await orders.first().getByTestId('delivered').click();
	await orders.first().getByTestId('amount').fill('23.5');
	await orders.first().getByTestId('confirm-delivered').click();
	await expect(orders).toHaveCount(open - 1);
	await orders.last().getByTestId('failed').click();
	await orders.last().getByTestId('reason-nobody_home').click();
	await expect(orders).toHaveCount(open - 2);
	await expect(cold.getByTestId('pending-count')).toHaveText('待同步 22');

	// A reload (and a killed tab) loses nothing.
	await cold.reload();
	await expect(cold.getByTestId('pending-count')).toHaveText('待同步 22');
	await cold.close();
	const again = await a.newPage();
	await again.goto('/grid');
	await chooseUnit(again, '1', '1');
	for (const v of VISITS.slice(0, 12)) await expect(chip(again, v.id)).toHaveAttribute('data-state', v.state);

	// Back online: the outbox drains and the server holds each event exactly once.
	await a.setOffline(false);
	await again.getByRole('button', { name: '立即同步' }).click();
	await expect(again.getByTestId('pending-count')).toHaveText('待同步 0');
	// Other tests share this server: count only what this volunteer's device sent.
	const rows = serverStore((db) =>
		db
			.prepare(
				"SELECT e.id, COUNT(*) AS n FROM events e JOIN devices d ON d.id = e.device_id WHERE d.volunteer = '王志愿' GROUP BY e.id"
			)
			.all()
	) as { id: string; n: number }[];
	expect(rows).toHaveLength(22);
	expect(rows.every((r) => r.n === 1)).toBe(true);

	// A second device of the same team pulls the same statuses.
	const b = await browser.newContext();
	const other = await b.newPage();
	await enrol(other, '李志愿');
	await chooseUnit(other, '1', '1');
	for (const v of VISITS.slice(0, 12)) await expect(chip(other, v.id)).toHaveAttribute('data-state', v.state);
	await chooseUnit(other, '1', '2');
	for (const v of VISITS.slice(12)) await expect(chip(other, v.id)).toHaveAttribute('data-state', v.state);
	await other.getByRole('link', { name: /配送/ }).click();
	await expect(other.locator('[data-testid^="order-"][data-state="open"]')).toHaveCount(open - 2);
	await a.close();
	await b.close();
});

test('negative control: with service workers blocked the app does not open offline', async ({ browser }) => {
	const ctx = await browser.newContext({ serviceWorkers: 'block' });
	const page = await ctx.newPage();
	await page.goto('/enrol');
	await ctx.setOffline(true);
	await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
	await ctx.close();
});
