import { expect, test, type BrowserContext } from '@playwright/test';
import { UA } from '../fixtures/user-agents';
import { chip, enrol, enrolLead } from './helpers';
import { offerInstall } from './install-offer';

/** An in-app web view on iOS whose app does not declare our domain: no service worker at all. */
async function withoutServiceWorker(context: BrowserContext): Promise<void> {
	await context.addInitScript(() => {
		delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker;
	});
}

test.describe('scanned inside WeChat on Android', () => {
	test.use({ userAgent: UA.wechatAndroid });

	test('shows how to open it in the browser first, copies the link, and still lets the volunteer enrol', async ({
		page,
		context
	}) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await page.goto('/enrol?code=ABCD');
		const notice = page.getByTestId('in-app-notice');
		await expect(notice).toBeVisible();
		await expect(notice).toHaveAttribute('data-app', 'wechat');
		await expect(notice.getByRole('heading', { name: '请用手机自带的浏览器打开' })).toBeVisible();
		await expect(notice.getByText('你正在微信里打开这个页面')).toBeVisible();
		await expect(page.getByTestId('in-app-picture-android')).toBeVisible();
		await expect(page.getByTestId('in-app-picture-ios')).toHaveCount(0);
		// The notice comes before the form.
		const noticeTop = (await notice.boundingBox())!.y;
		expect(noticeTop).toBeLessThan((await page.getByLabel('登记码').boundingBox())!.y);

		await page.getByTestId('copy-link').click();
		await expect(page.getByTestId('copy-result')).toHaveText('已复制。打开手机浏览器,粘贴到地址栏。');
		expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/enrol\?code=ABCD$/);

		// Chromium's web view has a service worker and persistent storage: enrolling may go ahead.
		await expect(page.getByTestId('in-app-works')).toBeVisible();
		await enrol(page, '微信里的志愿者');
	});
});

test.describe('scanned inside WeChat on an iPhone', () => {
	test.use({ userAgent: UA.wechatIos });

	test('with no service worker, says plainly that it cannot enrol there and offers no form', async ({
		page,
		context
	}) => {
		await withoutServiceWorker(context);
		await page.goto('/enrol?code=ABCD');
		await expect(page.getByTestId('in-app-picture-ios')).toBeVisible();
		await expect(page.getByTestId('in-app-blocked')).toContainText('在微信里不能登记');
		await expect(page.getByTestId('in-app-link')).toHaveValue(/\/enrol\?code=ABCD$/);
		await expect(page.getByLabel('登记码')).toHaveCount(0);
		await expect(page.getByRole('button', { name: '登记' })).toHaveCount(0);
	});
});

test.describe('scanned inside DingTalk on an iPhone whose app allows service workers', () => {
	test.use({ userAgent: UA.dingtalkIos });

	test('names the app and lets enrolment go ahead', async ({ page }) => {
		await page.goto('/enrol');
		await expect(page.getByTestId('in-app-notice')).toHaveAttribute('data-app', 'dingtalk');
		await expect(page.getByTestId('in-app-works')).toContainText('钉钉');
		await expect(page.getByLabel('登记码')).toBeVisible();
	});
});

test('the phone’s own browser sees no notice', async ({ page }) => {
	await page.goto('/enrol');
	await expect(page.getByLabel('登记码')).toBeVisible();
	await expect(page.getByTestId('in-app-notice')).toHaveCount(0);
});

test('the lead’s QR poster says which scanner to use', async ({ page }) => {
	await enrolLead(page, '海报队长');
	await page.goto('/lead/devices');
	await expect(page.getByTestId('enrol-qr')).toBeVisible();
	await expect(page.getByTestId('scan-with')).toHaveText('用手机相机或浏览器扫码(不要用微信扫)');
});

test('Chromium: the browser’s install offer becomes a button after enrolment, on a banner and on the sync screen', async ({
	page
}) => {
	await enrol(page, '安装按钮');
	await expect(page.getByTestId('install-banner')).toHaveCount(0);
	expect(await offerInstall(page)).toBe(true);
	await expect(page.getByTestId('install-banner')).toContainText('安装到桌面');
	await page.getByRole('link', { name: '同步', exact: true }).click();
	await expect(page.getByTestId('install-banner')).toHaveCount(0);
	await expect(page.getByTestId('install-panel')).toHaveAttribute('data-advice', 'prompt');
	await page.getByTestId('install-panel').getByTestId('install-button').click();
	expect(await page.evaluate(() => (window as { prompted?: number }).prompted)).toBe(1);
	// An offer is used once; the button goes until the browser makes another.
	await expect(page.getByTestId('install-panel')).toHaveCount(0);
});

test.describe('Safari on an iPhone', () => {
	test.use({ userAgent: UA.safariIphone });

	test('after enrolment shows Share → Add to Home Screen with a picture, and warns while records are unsent', async ({
		page,
		context
	}) => {
		await enrol(page, '苹果志愿者');
		const banner = page.getByTestId('install-banner');
		await expect(banner).toContainText('添加到主屏幕');
		await banner.getByTestId('install-how').click();
		await expect(banner.getByTestId('ios-install-steps')).toContainText('分享');
		await expect(banner.getByTestId('share-picture')).toBeVisible();

		await context.setOffline(true);
		await chip(page, 'demo-1-1-101').click();
		await page.getByTestId('outcome-refused').click();
		await expect(page.getByTestId('pending-count')).toHaveText('待同步 1');
		await page.getByRole('link', { name: '同步', exact: true }).click();
		await expect(page.getByTestId('install-panel')).toHaveAttribute('data-advice', 'ios-steps');
		await expect(page.getByTestId('install-unsent')).toContainText('有 1 条记录没有同步');

		await context.setOffline(false);
		await page.getByTestId('sync-now').click();
		await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');
		await expect(page.getByTestId('install-unsent')).toHaveCount(0);
		await expect(page.getByTestId('share-picture')).toBeVisible();

		// Dismissed, the banner stays away on this phone.
		await page.goto('/grid');
		await page.getByTestId('install-dismiss').click();
		await page.reload();
		await expect(page.getByTestId('sync-bar')).toBeVisible();
		await expect(page.getByTestId('install-banner')).toHaveCount(0);
	});
});

test('when the browser refuses persistent storage, the sync screen says what to do', async ({ page, context }) => {
	// The browser's answer, as a phone that refuses gives it.
	await context.addInitScript(() => {
		StorageManager.prototype.persist = async () => false;
		StorageManager.prototype.persisted = async () => false;
	});
	await enrol(page, '不持久');
	await page.goto('/sync');
	await expect(page.getByTestId('storage-state')).toHaveText('浏览器可能在空间不足时清除数据,请尽快同步');
	await expect(page.getByTestId('persist-refused')).toContainText('不要用手机管家');
	await page.getByTestId('persist-retry').click();
	await expect(page.getByTestId('persist-refused')).toBeVisible();
});

test('the theme follows the phone, and a choice on the sync screen is remembered', async ({ page }) => {
	const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
	await page.emulateMedia({ colorScheme: 'dark' });
	await enrol(page, '主题');
	expect(await background()).toBe('rgb(11, 17, 32)');
	await page.emulateMedia({ colorScheme: 'light' });
	expect(await background()).toBe('rgb(255, 255, 255)');
	await page.emulateMedia({ colorScheme: 'dark', contrast: 'more' });
	expect(await background()).toBe('rgb(255, 255, 255)');

	await page.emulateMedia({ colorScheme: 'dark', contrast: 'no-preference' });
	await page.goto('/sync');
	await page.getByTestId('theme-light').click();
	await expect(page.getByTestId('theme-light')).toHaveAttribute('aria-pressed', 'true');
	expect(await background()).toBe('rgb(255, 255, 255)');
	await page.reload();
	await expect(page.getByTestId('theme-light')).toHaveAttribute('aria-pressed', 'true');
	expect(await background()).toBe('rgb(255, 255, 255)');
	await page.emulateMedia({ colorScheme: 'light' });
	await page.getByTestId('theme-dark').click();
	expect(await background()).toBe('rgb(11, 17, 32)');
	await page.getByTestId('theme-auto').click();
	expect(await background()).toBe('rgb(255, 255, 255)');
});
