import { expect, test, type Page } from '@playwright/test';
import { chip, enrol, serverStore } from './helpers';
import { rawIndexedDbText } from './raw-idb';
import { unlock } from '../support/flows.js';

/** Five and a half minutes untouched: locked; what was typed is in neither the page nor IndexedDB. */
async function lockByTimer(page: Page, typed: string[]): Promise<void> {
	await page.clock.fastForward('05:30');
	await expect(page.getByTestId('lock-screen')).toBeVisible();
	const html = await page.content();
	const raw = await rawIndexedDbText(page);
	expect(typed.filter((t) => html.includes(t) || raw.includes(t))).toEqual([]);
}

test('a lock while the record sheet or the new-request form is open keeps what was typed, in memory only, and gives it back after the unlock', async ({
	page,
	context
}) => {
	await page.clock.install();
	await enrol(page, '草稿志愿');
	await page.removeLocatorHandler(page.getByTestId('lock-screen'));
	await context.setOffline(true);

	// The record sheet: a count, a tube code and a note, not saved yet.
	await chip(page, 'demo-1-1-302').click();
	const sheet = page.getByTestId('record-sheet');
	const before = Number(await sheet.getByTestId('sampled-count').textContent());
	await sheet.getByRole('button', { name: '加一人' }).click();
	await sheet.getByTestId('tube').fill('T0055501');
	await sheet.getByLabel('备注').fill('敲门左侧按铃');
	await lockByTimer(page, ['T0055501', '敲门左侧按铃']);
	await unlock(page);
	await expect(sheet).toBeVisible();
	await expect(sheet.getByTestId('tube')).toHaveValue('T0055501');
	await expect(sheet.getByLabel('备注')).toHaveValue('敲门左侧按铃');
	await expect(sheet.getByTestId('sampled-count')).toHaveText(String(before + 1));
	await sheet.getByTestId('save-count').click();
	await expect(sheet).toHaveCount(0);
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 1');
	// Given back once: the sheet opened again starts from what is recorded, not from the draft.
	await chip(page, 'demo-1-1-202').click();
	await expect(sheet.getByTestId('tube')).toHaveValue('');
	await sheet.getByRole('button', { name: '关闭' }).click();

	// The new-request form, half filled in.
	await page.getByRole('link', { name: /配送/ }).click();
	await page.getByTestId('new-request').click();
	const form = page.getByTestId('request-form');
	await form.getByLabel('住户').selectOption('2/2');
	await form.getByTestId('req-room-601').click();
	await form.getByTestId('req-item-formula').click();
	await form.getByLabel('其他物品').fill('退烧贴');
	await form.getByRole('button', { name: '添加' }).click();
	await form.getByLabel('备注').fill('放门口鞋柜上');
	await lockByTimer(page, ['退烧贴', '放门口鞋柜上']);
	await unlock(page);
	await expect(form).toBeVisible();
	await expect(form.getByLabel('备注')).toHaveValue('放门口鞋柜上');
	await expect(form.getByTestId('req-room-601')).toHaveAttribute('aria-pressed', 'true');
	await expect(form.getByTestId('req-item-formula')).toHaveAttribute('aria-pressed', 'true');
	await form.getByTestId('save-request').click();
	await expect(form).toHaveCount(0);
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 2');

	await context.setOffline(false);
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');
	const order = serverStore((db) =>
		db.prepare("SELECT items, note FROM orders WHERE household_id = 'demo-2-2-601' ORDER BY seq DESC").get()
	);
	expect(order).toEqual({ items: JSON.stringify(['婴儿奶粉', '退烧贴']), note: '放门口鞋柜上' });
	const visit = serverStore(
		(db) =>
			db
				.prepare("SELECT body FROM events WHERE household_id = 'demo-1-1-302' AND type = 'visit' ORDER BY seq DESC")
				.get() as { body: string }
	);
	expect(JSON.parse(visit.body)).toMatchObject({ tube: 'T0055501', note: '敲门左侧按铃', sampled: before + 1 });
});
