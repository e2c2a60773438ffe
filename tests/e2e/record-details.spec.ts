import { expect, test } from '@playwright/test';
import { chip, chooseUnit, enrol, serverStore } from './helpers';

test('undo, correction, partial count, tube code and long-press all record as new events', async ({
	page,
	context
}) => {
	await enrol(page, '赵志愿');
	await context.setOffline(true);
	// Building 2 unit 1 is this test's own: other tests share the server.
	await chooseUnit(page, '2', '1');

	// Partial: fewer sampled than live there, with a typed tube code.
	await chip(page, 'demo-2-1-101').click();
	const residents = Number(await page.getByTestId('sampled-count').textContent()) + 1;
	await page.getByTestId('tube').fill('T0012345');
	await page.getByTestId('save-count').click();
	await expect(chip(page, 'demo-2-1-101')).toHaveAttribute('data-state', residents > 1 ? 'partial' : 'done');

	// Correction: the same volunteer re-records; the earlier record stops counting.
	await chip(page, 'demo-2-1-101').click();
	await expect(page.getByTestId('tube')).toHaveValue('T0012345');
	await page.getByTestId('outcome-refused').click();
	await expect(chip(page, 'demo-2-1-101')).toHaveAttribute('data-state', 'refused');

	// Undo from the toast brings the household back to what it was before.
	await chip(page, 'demo-2-1-102').click();
	await page.getByTestId('outcome-nobody_home').click();
	await expect(chip(page, 'demo-2-1-102')).toHaveAttribute('data-state', 'revisit');
	await page.getByTestId('toast').getByRole('button', { name: '撤销' }).click();
	await expect(chip(page, 'demo-2-1-102')).toHaveAttribute('data-state', 'todo');

	// Long-press records "all sampled" with no sheet.
	const box = (await chip(page, 'demo-2-1-201').boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.waitForTimeout(900);
	await page.mouse.up();
	await expect(chip(page, 'demo-2-1-201')).toHaveAttribute('data-state', 'done');
	await expect(page.getByTestId('record-sheet')).toHaveCount(0);

	// "Still to visit" hides what is done.
	await page.getByTestId('filter-todo').click();
	await expect(chip(page, 'demo-2-1-201')).toHaveCount(0);
	await expect(chip(page, 'demo-2-1-102')).toBeVisible();

	await expect(page.getByTestId('pending-count')).toHaveText('待同步 5');
	await context.setOffline(false);
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');
	const types = serverStore((db) =>
		db
			.prepare(
				// Not the care ledger's entries, which a roster import (lead-roster.spec) adds for tagged households.
				"SELECT type, COUNT(*) AS n FROM events WHERE household_id IN ('demo-2-1-101','demo-2-1-102','demo-2-1-201') AND type NOT LIKE 'care_%' GROUP BY type ORDER BY type"
			)
			.all()
	);
	expect(types).toEqual([
		{ type: 'visit', n: 4 },
		{ type: 'void', n: 1 }
	]);
});

test('a delivery request made at the door offline becomes an order and reaches the server', async ({
	page,
	context
}) => {
	await enrol(page, '钱志愿');
	await context.setOffline(true);
	await page.getByRole('link', { name: /配送/ }).click();
	await page.getByTestId('new-request').click();
	const form = page.getByTestId('request-form');
	await form.getByLabel('住户').selectOption('2/2');
	await form.getByTestId('req-room-602').click();
	await form.getByTestId('req-item-formula').click();
	await form.getByLabel('其他物品').fill('尿不湿');
	await form.getByRole('button', { name: '添加' }).click();
	await form.getByTestId('save-request').click();
	await expect(form).toHaveCount(0);
	const orders = page.locator('[data-testid^="order-"][data-state="open"]');
	const mine = orders.filter({ hasText: '2号楼2单元 602' });
	await expect(mine).toContainText('婴儿奶粉、尿不湿');
	await expect(mine).toContainText('婴幼儿');
	// Medicine first, then infants, then the rest.
	const urgencies = await orders.evaluateAll((els) =>
		els.map((el) => ['medicine', 'infant', 'normal'].findIndex((u) => el.classList.contains(u)))
	);
	expect(urgencies).toEqual([...urgencies].sort((x, y) => x - y));
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 1');

	await context.setOffline(false);
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');
	const order = serverStore((db) =>
		db.prepare("SELECT items, urgency FROM orders WHERE household_id = 'demo-2-2-602'").get()
	);
	expect(order).toEqual({ items: JSON.stringify(['婴儿奶粉', '尿不湿']), urgency: 'infant' });
});
