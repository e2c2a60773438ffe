import { expect, test, type Page } from '@playwright/test';
import { enrol, enrolLead, residentPageOn, serverStore } from './helpers';

const sync = async (page: Page) => {
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');
};

test("a resident's request from the building QR reaches the lead's triage, is dispatched, and the resident sees it assigned; spam is rejected", async ({
	browser
}) => {
	const volCtx = await browser.newContext();
	const vol = await volCtx.newPage();
	await enrol(vol, '扫码志愿');
	const lead = await (await browser.newContext()).newPage();
	await enrolLead(lead, '扫码队长');
	await lead.goto('/lead/needs');
	await residentPageOn(lead);
	const link = lead.getByTestId('resident-link-1');
	await expect(lead.getByTestId('resident-qr').getByRole('img').first()).toBeVisible();
	const href = (await link.getAttribute('href'))!;

	// A resident's phone: never enrolled, no account.
	const resident = await (await browser.newContext()).newPage();
	await resident.goto(href);
	await expect(resident).toHaveURL(/\/resident\?b=/);
	await expect(resident.getByRole('heading', { level: 1 })).toContainText('1号楼');
	// Rooms only: the roster's names are nowhere on the page.
	await expect(resident.locator('#resident-room')).toContainText('1单元 1层 101');
	const people = serverStore(
		(db) =>
			db.prepare("SELECT head, phone FROM households WHERE building = '1'").all() as { head: string; phone: string }[]
	);
	expect(people.length).toBeGreaterThan(0);
	const shown = await resident.locator('body').innerText();
	for (const p of people) {
		expect(shown).not.toContain(p.head);
		expect(shown).not.toContain(p.phone);
	}
	await resident.locator('#resident-room').selectOption({ label: '1单元 1层 101' });
	await resident.locator('#resident-kind').selectOption('medicine');
	await resident.locator('#resident-text').fill('降压药一盒,电话在门上');
	await resident.getByRole('button', { name: '提交' }).click();
	const ref = (await resident.getByTestId('resident-ref').textContent())!.trim();
	expect(ref).toMatch(/^[23456789A-HJ-NP-Z]{8}$/);
	await resident.getByTestId('resident-check').click();
	await expect(resident.getByTestId('resident-state')).toContainText('已收到');
	// And a second one, spam.
	await resident.getByRole('button', { name: '再提一个' }).click();
	await resident.locator('#resident-room').selectOption({ label: '1单元 1层 101' });
	await resident.locator('#resident-kind').selectOption('other');
	await resident.locator('#resident-text').fill('广告 http://spam');
	await resident.getByRole('button', { name: '提交' }).click();
	const spamRef = (await resident.getByTestId('resident-ref').textContent())!.trim();

	// Never on a volunteer: nothing reaches the volunteer's tasks before the lead decides.
	await lead.reload();
	// Other tests on this server may have left requests in triage: follow these two by their words.
	const triage = (words: string) => lead.getByTestId('triage-item').filter({ hasText: words });
	await expect(triage('广告 http://spam')).toHaveCount(1);
	await expect(triage('降压药一盒')).toHaveCount(1);
	await triage('广告 http://spam').getByTestId('triage-reject').click();
	await expect(triage('广告 http://spam')).toHaveCount(0);
	await triage('降压药一盒').getByTestId('triage-accept').click();
	await expect(triage('降压药一盒')).toHaveCount(0);
	// Accepted, it is a request on the board (居民扫码), opened on whom to give it to.
	await lead.getByTestId('give-扫码志愿').click();
	await sync(lead);

	await vol.goto('/needs');
	await sync(vol);
	await expect(vol.locator('[data-testid^="need-"]').filter({ hasText: '降压药一盒' })).toBeVisible();

	await resident.getByRole('button', { name: '再提一个' }).click();
	await resident.locator('#resident-lookup').fill(ref);
	await resident.getByTestId('resident-check').click();
	await expect(resident.getByTestId('resident-state')).toContainText('已安排志愿者');
	await expect(resident.getByTestId('resident-state')).not.toContainText('扫码志愿');
	await resident.locator('#resident-lookup').fill(spamRef);
	await resident.getByTestId('resident-check').click();
	await expect(resident.getByTestId('resident-state')).toContainText('社区没有受理');

	// Switched off, the same QR opens a page that says so.
	await lead.getByTestId('resident-qr').locator('summary').click();
	await lead.getByTestId('resident-switch').click();
	await expect(link).toHaveCount(0);
	await resident.goto(href);
	await expect(resident.getByTestId('resident-closed')).toBeVisible();
});
