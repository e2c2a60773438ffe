import { expect, test, type Page } from '@playwright/test';
import { seriousViolations, targetsOk } from './a11y-checks';
import { enrol } from './helpers';
import { unlock } from '../support/flows.js';

/** Chromium's virtual authenticator (CDP WebAuthn domain), as the phone's own fingerprint reader. */
async function platformAuthenticator(page: Page, hasPrf: boolean): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('WebAuthn.enable', { enableUI: false });
	await cdp.send('WebAuthn.addVirtualAuthenticator', {
		options: {
			protocol: 'ctap2',
			ctap2Version: 'ctap2_1',
			transport: 'internal',
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true,
			hasPrf,
			automaticPresenceSimulation: true
		}
	});
}

/** Enrols, then takes the automatic PIN unlock away: these tests are about how the app opens. */
async function enrolToSync(page: Page, name: string): Promise<void> {
	await enrol(page, name);
	await page.removeLocatorHandler(page.getByTestId('lock-screen'));
	await page.getByRole('link', { name: /同步/ }).last().click();
	await page.waitForURL(/\/sync$/);
}

test('with a platform authenticator that has PRF, fingerprint unlock is offered on the sync screen, opens the app after a reload, and the PIN still works', async ({
	page
}) => {
	await platformAuthenticator(page, true);
	await enrolToSync(page, '指纹志愿');
	await page.getByTestId('prf-enable').click();
	await expect(page.getByTestId('prf-message')).toContainText('已开启');
	await expect(page.getByTestId('prf-disable')).toBeVisible();

	// Cold start: the fingerprint button opens the app; nothing of the key is stored in clear.
	await page.reload();
	await expect(page.getByTestId('lock-screen')).toBeVisible();
	await page.getByTestId('unlock-prf').click();
	await expect(page.getByTestId('lock-screen')).toHaveCount(0);
	await expect(page.getByTestId('pending-detail')).toBeVisible();

	// The PIN remains the fallback.
	await page.reload();
	await unlock(page);
	await expect(page.getByTestId('lock-screen')).toHaveCount(0);

	// Turned off, the lock screen no longer offers it.
	await page.getByTestId('prf-disable').click();
	await expect(page.getByTestId('prf-enable')).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('lock-screen')).toBeVisible();
	await expect(page.getByTestId('unlock-prf')).toHaveCount(0);
});

test('an authenticator without PRF is refused with a clear message and nothing is set up; with no platform authenticator the option is not shown', async ({
	page,
	browser
}) => {
	await platformAuthenticator(page, false);
	await enrolToSync(page, '无PRF志愿');
	await page.getByTestId('prf-enable').click();
	await expect(page.getByTestId('prf-message')).toContainText('不支持');
	await page.reload();
	await expect(page.getByTestId('lock-screen')).toBeVisible();
	await expect(page.getByTestId('unlock-prf')).toHaveCount(0);

	const plain = await (await browser.newContext()).newPage();
	await enrolToSync(plain, '无指纹志愿');
	await expect(plain.getByTestId('pending-detail')).toBeVisible();
	await expect(plain.getByTestId('prf-panel')).toHaveCount(0);
	await plain.context().close();
});

test.describe('at 360 px', () => {
	test.use({ viewport: { width: 360, height: 740 } });
	test('the fingerprint panel and the lock screen offering it pass axe and have 48 px targets, in Chinese and English', async ({
		page
	}) => {
		await platformAuthenticator(page, true);
		await enrolToSync(page, '无障碍指纹');
		await page.getByTestId('prf-enable').click();
		await expect(page.getByTestId('prf-message')).toBeVisible();
		for (const lang of ['zh-CN', 'en']) {
			if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expect(page.getByTestId('prf-panel')).toBeVisible();
			expect(await seriousViolations(page), lang).toEqual([]);
			await targetsOk(page, `fingerprint panel ${lang}`);
		}
		await page.reload();
		await expect(page.getByTestId('unlock-prf')).toBeVisible();
		expect(await seriousViolations(page)).toEqual([]);
		await targetsOk(page, 'lock screen with fingerprint');
	});
});
