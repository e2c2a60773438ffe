import { expect, test } from '@playwright/test';
import { chip, chooseUnit, enrol, serverStore, swReady } from './helpers';
import { FaultProxy } from './proxy';

const PORT = Number(process.env.E2E_PROXY_PORT ?? 4183);

test('an app update while events are unsent keeps every one of them, and they sync afterwards', async ({
	browser,
	baseURL
}) => {
	const proxy = new FaultProxy(PORT, baseURL!);
	await proxy.listen();
	const ctx = await browser.newContext({ baseURL: `http://localhost:${PORT}` });
	try {
		const page = await ctx.newPage();
		await enrol(page, '孙志愿');
		await swReady(page);
		// The second opening of the app is the first one the service worker controls.
		await page.reload();
		expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
		const before = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);

		proxy.rule = (url) => (url.startsWith('/api/sync/push') ? 'unavailable' : 'pass');
		await chooseUnit(page, '3', '2');
		for (const id of ['demo-3-2-101', 'demo-3-2-102']) {
			await chip(page, id).click();
			await page.getByTestId('outcome-refused').click();
			await expect(chip(page, id)).toHaveAttribute('data-state', 'refused');
		}
		await expect(page.getByTestId('pending-count')).toHaveText('待同步 2');

		// Ship a new version; the app offers it and the volunteer accepts.
		proxy.version = 2;
		await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
		const reloaded = page.waitForEvent('load');
		await page.getByRole('button', { name: '更新' }).click();
		await reloaded;
		const swBody = await page.evaluate(async () => (await fetch('/sw.js')).text());
		expect(swBody).toContain('app version 2');
		expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toBe(before);
		await expect(page.getByTestId('pending-count')).toHaveText('待同步 2');

		proxy.rule = () => 'pass';
		await page.getByRole('button', { name: '立即同步' }).click();
		await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');
		const stored = serverStore((db) =>
			db.prepare("SELECT COUNT(*) AS n FROM events WHERE household_id IN ('demo-3-2-101','demo-3-2-102')").get()
		);
		expect(stored).toEqual({ n: 2 });
	} finally {
		await ctx.close();
		await proxy.close();
	}
});
