import { expect, test, type Page } from '@playwright/test';
import { seriousViolations, targetsOk } from './a11y-checks';
import { chip, enrol, enrolLead } from './helpers';
import { fillNewPin, TEST_PIN, unlock } from '../support/flows.js';

const LONGER_PIN = '24681357';

/**
 * The lead's rules panel on the devices screen; each change is saved at once (the screen shows
 * what the server answered). The page is not reloaded: the lead's phone is bound by the rules too.
 */
async function setRules(lead: Page, pinLength: string, lockMinutes: string): Promise<void> {
	if (!lead.url().endsWith('/lead/devices')) await lead.goto('/lead/devices');
	for (const [testid, value] of [
		['rule-pin-length', pinLength],
		['rule-lock-minutes', lockMinutes]
	]) {
		const saved = lead.waitForResponse((r) => r.url().includes('/api/lead/team/settings') && r.ok());
		await lead.getByTestId(testid).selectOption(value);
		await saved;
		await expect(lead.getByTestId(testid)).toHaveValue(value);
	}
}

/** Presses the sync bar's button until the phone holds the team's rules (the meta row, in clear). */
async function syncRules(page: Page, pinLength: number): Promise<void> {
	const held = () =>
		page.evaluate(async () => {
			const idb = await new Promise<IDBDatabase>((ok) => {
				const req = indexedDB.open('doorstep');
				req.onsuccess = () => ok(req.result);
			});
			const row = await new Promise<{ value?: { pinLength?: number } } | undefined>((ok) => {
				const req = idb.transaction('meta').objectStore('meta').get('lockRules');
				req.onsuccess = () => ok(req.result as { value?: { pinLength?: number } } | undefined);
			});
			idb.close();
			return row?.value?.pinLength;
		});
	await page.getByTestId('sync-bar').getByRole('button').click();
	await expect.poll(held).toBe(pinLength);
}

test('the lead’s lock rules reach the phone: it locks after the team’s minutes and asks for a longer PIN at the next unlock', async ({
	page,
	browser
}) => {
	await page.clock.install();
	await enrol(page, '规则志愿');
	await page.removeLocatorHandler(page.getByTestId('lock-screen'));
	const lead = await (await browser.newContext()).newPage();
	await enrolLead(lead, '规则组长');
	try {
		await setRules(lead, '8', '2');

		// The next sync brings the rules; the 6-digit PIN still opens this time (the rule applies at the next unlock).
		await syncRules(page, 8);
		await page.clock.fastForward('02:30');
		await expect(page.getByTestId('lock-screen')).toBeVisible();
		await unlock(page, TEST_PIN);
		await expect(page.getByTestId('set-pin-screen')).toBeVisible();
		await expect(page.getByTestId('set-pin-screen')).toContainText('8');
		// Nothing of the residents shows until the new PIN is set; a 7-digit one is refused.
		expect(await page.locator('[data-testid^="chip-"]').count()).toBe(0);
		await fillNewPin(page, '1357924');
		await page.getByTestId('set-pin-screen').getByRole('button', { name: '设置 PIN' }).click();
		expect(await page.getByTestId('pin-new').evaluate((el) => (el as HTMLInputElement).validity.tooShort)).toBe(true);
		await expect(page.getByTestId('set-pin-screen')).toBeVisible();
		await fillNewPin(page, LONGER_PIN);
		await page.getByTestId('set-pin-screen').getByRole('button', { name: '设置 PIN' }).click();
		await expect(chip(page, 'demo-1-1-101')).toBeVisible();

		// From now on the new PIN opens the app and the old one does not.
		await page.reload();
		await unlock(page, TEST_PIN);
		await expect(page.getByTestId('pin-wrong')).toBeVisible();
		await unlock(page, LONGER_PIN);
		await expect(chip(page, 'demo-1-1-101')).toBeVisible();
		// One minute unused stays open; past two it locks.
		await page.clock.fastForward('01:00');
		await expect(chip(page, 'demo-1-1-101')).toBeVisible();
		await page.clock.fastForward('01:30');
		await expect(page.getByTestId('lock-screen')).toBeVisible();
	} finally {
		// The other tests share this team: the defaults back.
		await setRules(lead, '6', '5');
		await lead.context().close();
	}
});

test.describe('at 360 px', () => {
	test.use({ viewport: { width: 360, height: 740 } });
	test('the change-PIN screen passes axe and has 48 px targets, in Chinese and English', async ({ page, browser }) => {
		const lead = await (await browser.newContext()).newPage();
		await enrolLead(lead, '无障碍规则组长');
		await enrol(page, '无障碍换码');
		await page.removeLocatorHandler(page.getByTestId('lock-screen'));
		try {
			await setRules(lead, '10', '5');
			await syncRules(page, 10);
			await page.reload();
			await unlock(page, TEST_PIN);
			for (const lang of ['zh-CN', 'en']) {
				if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
				await expect(page.locator('html')).toHaveAttribute('lang', lang);
				await expect(page.getByTestId('set-pin-screen')).toContainText('10');
				expect(await seriousViolations(page), lang).toEqual([]);
				await targetsOk(page, `change PIN ${lang}`);
			}
		} finally {
			await setRules(lead, '6', '5');
			await lead.context().close();
		}
	});
});
