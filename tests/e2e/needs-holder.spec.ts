import { expect, test, type Page } from '@playwright/test';
import { enrol, enrolLead, serverStore, trySuffix } from './helpers';

const sync = async (page: Page) => {
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');
};

test('the volunteer who claims a request gets a tap-to-call phone on the task card; before the claim reaches the server, none', async ({
	browser
}) => {
	// A retry runs on the same server: its volunteer needs a name of its own on the lead's list.
	const volunteer = `电话志愿${trySuffix()}`;
	const volCtx = await browser.newContext();
	const vol = await volCtx.newPage();
	await enrol(vol, volunteer);
	const leadCtx = await browser.newContext();
	const lead = await leadCtx.newPage();
	await enrolLead(lead, '电话队长');
	// The volunteer covers building 3: 1号楼1单元101 is outside their area.
	await lead.goto('/lead/assign');
	await lead.getByTestId('assign-volunteer').filter({ hasText: volunteer }).click();
	await lead.getByTestId('assign-3').click();
	await expect(lead.getByTestId('assign-3')).toHaveAttribute('aria-pressed', 'true');
	await lead.goto('/lead/needs');
	const cards = lead.locator('[data-testid^="need-"]');
	await expect(cards.first()).toBeVisible();
	const ids = async () => new Set(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!)));
	const before = await ids();
	await lead.getByTestId('search').fill('1-1-101');
	await lead.getByTestId('hit-demo-1-1-101').click();
	await lead.getByTestId('kind-medicine').click();
	await lead.getByTestId('items').fill('降压药');
	await lead.getByTestId('save-need').click();
	await expect(cards).toHaveCount(before.size + 1);
	const id = [...(await ids())].find((t) => !before.has(t))!.slice('need-'.length);
	await lead.getByTestId(`need-${id}`).getByTestId('to-pool').click();
	await sync(lead);

	const phone = serverStore(
		(db) => db.prepare("SELECT phone FROM households WHERE id = 'demo-1-1-101'").get() as { phone: string }
	).phone;
	await vol.goto('/needs');
	await sync(vol);
	const task = vol.getByTestId(`need-${id}`);
	await expect(task).toHaveAttribute('data-state', 'pool');
	// Outside the area: the door only, no name or phone on this device.
	await expect(task).toContainText('1号楼');
	await expect(vol.locator('body')).not.toContainText(phone);
	// Offline while claiming: the app syncs after every record, and this step is about the moment
	// before the claim reaches the server, which that sync would otherwise race.
	await volCtx.setOffline(true);
	await task.getByTestId('claim').click();
	await expect(task.getByTestId('on-the-way')).toBeVisible();
	// Claimed on this phone only: the server has not said it holds it, so no number yet.
	await expect(task.getByTestId('call')).toHaveCount(0);
	await volCtx.setOffline(false);
	await sync(vol);
	const call = task.getByTestId('call');
	await expect(call).toHaveAttribute('href', `tel:${phone}`);
	await expect(call).toContainText(phone);
	const box = await call.boundingBox();
	expect(box!.height).toBeGreaterThanOrEqual(48);
	await volCtx.close();
	await leadCtx.close();
});
