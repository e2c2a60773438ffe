import { expect, test, type Page } from '@playwright/test';
import { UA } from '../fixtures/user-agents';
import { seriousViolations } from './a11y-checks';
import { chip, enrol, enrolLead, residentPageOn, trySuffix } from './helpers';
import { offerInstall } from './install-offer';
import { checkScreens, layoutProblems } from './layout-checks';

test.use({ viewport: { width: 360, height: 740 } });

/** Both themes are checked: prove the one under test is the one showing. */
async function expectTheme(page: Page, colorScheme: string | null | undefined): Promise<void> {
	const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
	expect(bg).toBe(colorScheme === 'dark' ? 'rgb(11, 17, 32)' : 'rgb(255, 255, 255)');
}

test('touch targets are at least 48 px, nothing scrolls sideways and no text is cut off at 360 px', async ({
	page,
	browser
}) => {
	await enrol(page, '大按钮');
	await checkScreens(page, ['/grid', '/deliveries', '/sync']);
	const lead = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
	await enrolLead(lead, '大按钮队长');
	await checkScreens(lead, [
		'/lead',
		'/lead/manage',
		'/lead/devices',
		'/lead/shift',
		'/lead/refused',
		'/lead/rounds',
		'/lead/assign',
		'/lead/import',
		'/lead/export'
	]);
	// The lead's screens again in English, whose labels are the longest.
	await lead.goto('/sync');
	await lead.getByRole('button', { name: 'English' }).click();
	await expect(lead.locator('html')).toHaveAttribute('lang', 'en');
	await checkScreens(lead, [
		'/lead',
		'/lead/manage',
		'/lead/needs',
		'/lead/care',
		'/lead/shift',
		'/lead/rounds',
		'/sync'
	]);
	await lead.context().close();
});

for (const colorScheme of ['dark', 'light'] as const) {
	test.describe(`${colorScheme} theme`, () => {
		test.use({ colorScheme });

		test('main screens have no serious or critical accessibility violations, in Chinese and English', async ({
			page,
			colorScheme
		}) => {
			await page.goto('/');
			await expect(page).toHaveURL(/\/enrol$/);
			expect(await seriousViolations(page)).toEqual([]);
			await enrol(page, '无障碍');
			await expectTheme(page, colorScheme);
			expect(await seriousViolations(page)).toEqual([]);
			await chip(page, 'demo-1-1-101').click();
			await expect(page.getByTestId('record-sheet')).toBeVisible();
			expect(await seriousViolations(page)).toEqual([]);
			await page.keyboard.press('Escape');
			for (const path of ['/deliveries', '/sync']) {
				await page.goto(path);
				await expect(page.getByTestId('sync-bar')).toBeVisible();
				expect(await seriousViolations(page)).toEqual([]);
			}
			await page.getByRole('button', { name: 'English' }).click();
			await expect(page.getByRole('heading', { name: 'Sync' })).toBeVisible();
			await expect(page.locator('html')).toHaveAttribute('lang', 'en');
			expect(await seriousViolations(page)).toEqual([]);
			await page.goto('/grid');
			await expect(page.getByTestId('unit-progress')).toContainText('households');
			expect(await seriousViolations(page)).toEqual([]);
		});
		test('every lead screen has no serious or critical accessibility violations, in Chinese and English', async ({
			page,
			colorScheme
		}) => {
			// Eighteen screens, each loaded and checked by axe: the default minute ran out at a load of 4.
			test.setTimeout(150_000);
			await enrolLead(page, '无障碍队长');
			await expectTheme(page, colorScheme);
			const screens = [
				'/lead',
				'/lead/manage',
				'/lead/devices',
				'/lead/shift',
				'/lead/refused',
				'/lead/rounds',
				'/lead/assign',
				'/lead/import',
				'/lead/export'
			];
			for (const lang of ['zh-CN', 'en']) {
				for (const path of screens) {
					await page.goto(path);
					await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
					await page.waitForLoadState('networkidle');
					expect(await seriousViolations(page), `${lang} ${path}`).toEqual([]);
				}
				if (lang === 'zh-CN') {
					await page.goto('/sync');
					await page.getByRole('button', { name: 'English' }).click();
					await expect(page.locator('html')).toHaveAttribute('lang', 'en');
				}
			}
			// The building grid opened inside coverage, in English.
			await page.goto('/lead');
			// The buttons come first from the last open's snapshot; the grid needs the live read of
			// every household, which on a loaded 2-core box has taken over 5 s (a flaky try in session 14).
			await expect(page.getByRole('heading', { name: 'Still missing (walking order)' })).toBeVisible({
				timeout: 15_000
			});
			await page.getByTestId('building-1').click();
			await expect(page.getByText('Read only · lead view')).toBeVisible();
			expect(await seriousViolations(page)).toEqual([]);
		});

		test('the in-app browser notice, blocked inside WeChat on an iPhone, in Chinese and English', async ({
			browser,
			colorScheme
		}) => {
			const context = await browser.newContext({
				userAgent: UA.wechatIos,
				colorScheme,
				viewport: { width: 360, height: 740 }
			});
			await context.addInitScript(() => delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker);
			const page = await context.newPage();
			await page.goto('/enrol?code=ABCD');
			await expect(page.getByTestId('in-app-blocked')).toBeVisible();
			await expectTheme(page, colorScheme);
			expect(await seriousViolations(page)).toEqual([]);
			expect(await layoutProblems(page)).toEqual([]);
			await page.getByRole('button', { name: 'English' }).click();
			await expect(page.getByTestId('in-app-blocked')).toContainText('You cannot enrol inside WeChat');
			expect(await seriousViolations(page)).toEqual([]);
			expect(await layoutProblems(page)).toEqual([]);
			await context.close();
		});

		test('install guidance on an iPhone, the unsent warning and the persistence advice, in Chinese and English', async ({
			browser,
			colorScheme
		}) => {
			const context = await browser.newContext({
				userAgent: UA.safariIphone,
				colorScheme,
				viewport: { width: 360, height: 740 }
			});
			await context.addInitScript(() => {
				StorageManager.prototype.persist = async () => false;
				StorageManager.prototype.persisted = async () => false;
			});
			const page = await context.newPage();
			await enrol(page, '无障碍苹果');
			await page.getByTestId('install-how').click();
			await expect(page.getByTestId('share-picture')).toBeVisible();
			await expectTheme(page, colorScheme);
			expect(await seriousViolations(page)).toEqual([]);
			expect(await layoutProblems(page)).toEqual([]);
			await context.setOffline(true);
			await chip(page, 'demo-1-1-101').click();
			await page.getByTestId('outcome-refused').click();
			await page.getByRole('link', { name: '同步', exact: true }).click();
			await expect(page.getByTestId('install-unsent')).toBeVisible();
			await expect(page.getByTestId('persist-refused')).toBeVisible();
			for (const lang of ['zh-CN', 'en']) {
				if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
				await expect(page.locator('html')).toHaveAttribute('lang', lang);
				expect(await seriousViolations(page), lang).toEqual([]);
				expect(await layoutProblems(page), lang).toEqual([]);
			}
			await context.close();
		});

		test('the install offer on Chromium, as a banner and on the sync screen, in Chinese and English', async ({
			page,
			colorScheme
		}) => {
			await enrol(page, '无障碍安装');
			await expectTheme(page, colorScheme);
			expect(await offerInstall(page)).toBe(true);
			await expect(page.getByTestId('install-banner')).toBeVisible();
			expect(await seriousViolations(page)).toEqual([]);
			expect(await layoutProblems(page)).toEqual([]);
			await page.getByRole('link', { name: '同步', exact: true }).click();
			await expect(page.getByTestId('install-panel')).toHaveAttribute('data-advice', 'prompt');
			for (const lang of ['zh-CN', 'en']) {
				if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
				await expect(page.locator('html')).toHaveAttribute('lang', lang);
				expect(await seriousViolations(page), lang).toEqual([]);
				expect(await layoutProblems(page), lang).toEqual([]);
			}
		});
	});
}

// issue 11: the care ledger's screens (the volunteer's today list and person form, the lead's
// ledger and its sheet), axe and 48 px at 360 px, in Chinese and English.
test('care screens have no serious violations and 48 px targets, in Chinese and English', async ({ page, browser }) => {
	test.setTimeout(180_000);
	const run = trySuffix();
	const volunteer = `无障碍关怀${run}`;
	const grandma = `无障碍奶奶${run}`;
	await enrol(page, volunteer);
	await page.goto('/care/person#household=demo-1-2-101');
	await expect(page.getByTestId('person-form')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	expect(await layoutProblems(page)).toEqual([]);
	await page.getByTestId('care-name').fill(grandma);
	await page.getByTestId('care-phone').fill('13800000000');
	await page.getByTestId('care-save').click();
	await expect(page).not.toHaveURL(/\/care\/person/);
	await page.goto('/sync');
	await page.getByTestId('sync-now').click();
	await expect(page.getByTestId('pending-detail')).toHaveText('0');

	const lead = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
	await enrolLead(lead, `无障碍关怀队长${run}`);
	await lead.goto('/lead/care');
	const row = lead.getByTestId('ledger-row').filter({ hasText: grandma });
	await row.click();
	await lead.getByTestId(`pair-${volunteer}`).click();
	await lead.getByTestId('plan-save').click();
	await expect(lead.getByTestId('ledger-told')).toBeVisible();
	await page.goto('/sync');
	await page.getByTestId('sync-now').click();
	await page.goto('/care');
	await expect(page.getByTestId('care-item').filter({ hasText: grandma })).toBeVisible();

	for (const lang of ['zh-CN', 'en']) {
		if (lang === 'en') {
			for (const p of [page, lead]) {
				await p.goto('/sync');
				await p.getByRole('button', { name: 'English' }).click();
				await expect(p.locator('html')).toHaveAttribute('lang', 'en');
			}
		}
		await page.goto('/care');
		await expect(page.getByTestId('care-item').first()).toBeVisible();
		expect(await seriousViolations(page), `${lang} /care`).toEqual([]);
		expect(await layoutProblems(page), `${lang} /care`).toEqual([]);
		// The "needs something" step, open on the row.
		const due = page.getByTestId('care-item').filter({ hasText: grandma });
		await due.getByTestId('care-needs').click();
		await expect(due.getByTestId('care-need-step')).toBeVisible();
		expect(await seriousViolations(page), `${lang} /care needs step`).toEqual([]);
		expect(await layoutProblems(page), `${lang} /care needs step`).toEqual([]);
		await page.getByRole('link', { name: grandma, exact: true }).click();
		await expect(page.getByTestId('person-form')).toBeVisible();
		expect(await seriousViolations(page), `${lang} /care/person`).toEqual([]);
		expect(await layoutProblems(page), `${lang} /care/person`).toEqual([]);
		await lead.goto('/lead/care');
		await expect(lead.getByTestId('ledger-row').first()).toBeVisible();
		expect(await seriousViolations(lead), `${lang} /lead/care`).toEqual([]);
		expect(await layoutProblems(lead), `${lang} /lead/care`).toEqual([]);
		await lead.getByTestId('ledger-row').filter({ hasText: grandma }).click();
		await expect(lead.getByTestId('ledger-sheet')).toBeVisible();
		await expect(lead.getByTestId('unpair')).toBeVisible();
		expect(await seriousViolations(lead), `${lang} ledger sheet`).toEqual([]);
		expect(await layoutProblems(lead), `${lang} ledger sheet`).toEqual([]);
	}
	await lead.context().close();
});

// issue 10: the needs desk's screens with their panels open, both themes, both languages.
for (const colorScheme of ['dark', 'light'] as const) {
	test.describe(`needs desk, ${colorScheme} theme`, () => {
		test.use({ colorScheme });

		test("the lead's board and desk and a volunteer's tasks: no serious violations, 48 px targets at 360 px, in Chinese and English", async ({
			page,
			browser,
			colorScheme
		}) => {
			const check = async (p: Page, what: string) => {
				await p.waitForLoadState('networkidle');
				expect(await seriousViolations(p), what).toEqual([]);
				expect(await layoutProblems(p), what).toEqual([]);
			};
			const name = `无障碍需求${colorScheme === 'dark' ? '暗' : '亮'}`;
			const vol = await (await browser.newContext({ colorScheme, viewport: { width: 360, height: 740 } })).newPage();
			await enrol(vol, name);
			await enrolLead(page, '无障碍需求队长');
			await expectTheme(page, colorScheme);
			await page.goto('/lead/needs');
			await page.getByTestId('search').fill('1-1-101');
			await expect(page.getByTestId('hit-demo-1-1-101')).toBeVisible();
			await check(page, 'board, desk searching');
			await page.getByTestId('hit-demo-1-1-101').click();
			await page.getByTestId('items').fill('胰岛素');
			await page.getByTestId('save-need').click();
			await expect(page.getByTestId(`give-${name}`)).toBeVisible();
			await check(page, 'board, assigning');
			await page.getByTestId(`give-${name}`).click();
			await page.getByRole('button', { name: '立即同步' }).click();
			await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');

			await vol.goto('/needs');
			await vol.getByRole('button', { name: '立即同步' }).click();
			await vol.getByTestId('done').first().click();
			await expect(vol.getByTestId('confirm-done')).toBeVisible();
			await check(vol, 'tasks, done form');
			for (const p of [vol, page]) {
				await p.goto('/sync');
				await p.getByRole('button', { name: 'English' }).click();
				await expect(p.locator('html')).toHaveAttribute('lang', 'en');
			}
			await vol.goto('/needs');
			await vol.getByTestId('not-done').first().click();
			await expect(vol.getByTestId('reason-nobody_home')).toBeVisible();
			await check(vol, 'en tasks, not-done reasons');
			await page.goto('/lead/needs');
			await expect(page.getByRole('heading', { level: 1 })).toContainText('Needs board');
			await page.getByTestId('assign').first().click();
			await check(page, 'en board, assigning');
			await vol.context().close();
		});
	});
}

// issue 12: the round picker, each kind's grid and sheet, the lead's new-round form and a
// round's coverage, in both languages. The rounds are ended at the end, so the screens of the
// tests after this one (same server) open as before.
test('round kinds: picker, grids, sheets, new-round form and coverage pass axe and 48 px, in Chinese and English', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	const lead = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
	await enrolLead(lead, '无障碍任务队长');
	await lead.goto('/lead/rounds');
	for (const kind of ['distribution', 'disinfection', 'survey']) {
		await lead.getByTestId(`new-kind-${kind}`).click();
		if (kind === 'survey') {
			await lead.getByTestId('question-1').getByTestId('question-label').fill('有无发热');
			await lead.getByTestId('add-question').click();
			await lead.getByTestId('question-2').getByTestId('question-type').selectOption('choice');
			await lead.getByTestId('question-2').getByTestId('question-label').fill('来自何地');
			await lead.getByTestId('question-2').getByTestId('question-options').fill('省内,省外');
		}
		expect(await seriousViolations(lead), `new ${kind}`).toEqual([]);
		expect(await layoutProblems(lead), `new ${kind}`).toEqual([]);
		await lead.getByTestId('create-round').click();
		await expect(lead.getByTestId(`round-coverage-${kind}`)).toBeVisible();
	}
	await enrol(page, '无障碍任务');
	const sheets = { distribution: 'distribution-sheet', survey: 'survey-sheet', disinfection: 'area-sheet' };
	for (const lang of ['zh-CN', 'en']) {
		if (lang === 'en') {
			for (const p of [page, lead]) {
				await p.goto('/sync');
				await p.getByRole('button', { name: 'English' }).click();
				await expect(p.locator('html')).toHaveAttribute('lang', 'en');
			}
			await page.goto('/grid');
		}
		await expect(page.getByTestId('round-picker')).toBeVisible();
		expect(await seriousViolations(page), `${lang} picker`).toEqual([]);
		expect(await layoutProblems(page), `${lang} picker`).toEqual([]);
		for (const kind of ['distribution', 'disinfection', 'survey'] as const) {
			await page.getByTestId(`round-${kind}`).click();
			await expect(page.getByTestId('round-progress')).toBeVisible();
			expect(await seriousViolations(page), `${lang} ${kind} grid`).toEqual([]);
			expect(await layoutProblems(page), `${lang} ${kind} grid`).toEqual([]);
			await page.getByTestId(kind === 'disinfection' ? 'area-common-电梯' : 'round-chip-demo-1-1-101').click();
			await expect(page.getByTestId(sheets[kind])).toBeVisible();
			expect(await seriousViolations(page), `${lang} ${kind} sheet`).toEqual([]);
			expect(await layoutProblems(page), `${lang} ${kind} sheet`).toEqual([]);
			await page.keyboard.press('Escape');
			await lead.goto('/lead/rounds');
			await lead.getByTestId(`round-coverage-${kind}`).click();
			await expect(lead.getByRole('heading', { level: 1 })).toBeVisible();
			expect(await seriousViolations(lead), `${lang} ${kind} coverage`).toEqual([]);
			expect(await layoutProblems(lead), `${lang} ${kind} coverage`).toEqual([]);
			await lead.getByTestId('round-missing').first().click();
			await expect(lead.getByTestId('round-records')).toBeVisible();
			expect(await seriousViolations(lead), `${lang} ${kind} records`).toEqual([]);
			expect(await layoutProblems(lead), `${lang} ${kind} records`).toEqual([]);
			await lead.keyboard.press('Escape');
		}
	}
	await lead.goto('/lead/rounds');
	for (const kind of ['distribution', 'disinfection', 'survey']) {
		await lead.getByTestId(`close-round-${kind}`).click();
		await expect(lead.getByTestId(`close-round-${kind}`)).toHaveCount(0);
	}
	await lead.context().close();
});

// issue 10: the resident page (no account) and the lead's triage and QR panel, both languages.
// issue 12 (session 4): the round's building grid, the shift screen per round, the export screen.
test("a round's building grid, the shift screen per round and the export screen: axe and 48 px, in Chinese and English", async ({
	browser
}) => {
	test.setTimeout(180_000);
	const lead = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
	await enrolLead(lead, '无障碍网格队长');
	await lead.goto('/lead/rounds');
	const kinds = ['distribution', 'disinfection'] as const;
	for (const kind of kinds) {
		await lead.getByTestId(`new-kind-${kind}`).click();
		await lead.getByTestId('create-round').click();
		await expect(lead.getByTestId(`round-coverage-${kind}`)).toBeVisible();
	}
	for (const lang of ['zh-CN', 'en']) {
		if (lang === 'en') {
			await lead.goto('/sync');
			await lead.getByRole('button', { name: 'English' }).click();
			await expect(lead.locator('html')).toHaveAttribute('lang', 'en');
		}
		for (const kind of kinds) {
			await lead.goto('/lead/rounds');
			await lead.getByTestId(`round-coverage-${kind}`).click();
			await lead.getByTestId('round-building-1').click();
			await expect(lead.locator('[data-testid^="round-grid-"]').first()).toBeVisible();
			expect(await seriousViolations(lead), `${lang} ${kind} building grid`).toEqual([]);
			expect(await layoutProblems(lead), `${lang} ${kind} building grid`).toEqual([]);
			await lead.goto('/lead/shift');
			await lead.getByTestId(`round-${kind}`).click();
			await expect(lead.getByTestId('shift-round-link')).toBeVisible();
			expect(await seriousViolations(lead), `${lang} ${kind} shift`).toEqual([]);
			expect(await layoutProblems(lead), `${lang} ${kind} shift`).toEqual([]);
		}
		await lead.goto('/lead/export');
		await expect(lead.getByTestId('export-round-disinfection')).toBeVisible();
		expect(await seriousViolations(lead), `${lang} export`).toEqual([]);
		expect(await layoutProblems(lead), `${lang} export`).toEqual([]);
	}
	await lead.goto('/lead/rounds');
	for (const kind of kinds) {
		await lead.getByTestId(`close-round-${kind}`).click();
		await expect(lead.getByTestId(`close-round-${kind}`)).toHaveCount(0);
	}
	await lead.context().close();
});

test("the resident page and the lead's triage: no serious violations, 48 px targets at 360 px, in Chinese and English", async ({
	page,
	browser
}) => {
	const check = async (p: Page, what: string) => {
		await p.waitForLoadState('networkidle');
		expect(await seriousViolations(p), what).toEqual([]);
		expect(await layoutProblems(p), what).toEqual([]);
	};
	const vol = await (await browser.newContext()).newPage();
	await enrol(vol, '无障碍技能');
	await enrolLead(page, '无障碍扫码队长');
	await page.goto('/lead/needs');
	await residentPageOn(page);
	const href = (await page.getByTestId('resident-link-1').getAttribute('href'))!;
	const resident = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
	const need = `尿不湿 L 号${trySuffix()}`;
	const ours = () => page.getByTestId('triage-item').filter({ hasText: need });
	for (const lang of ['zh-CN', 'en'] as const) {
		await resident.goto(href);
		if (lang === 'en') {
			await resident.getByRole('button', { name: 'English' }).click();
			await expect(resident.locator('html')).toHaveAttribute('lang', 'en');
		}
		await expect(resident.getByTestId('resident-form')).toBeVisible();
		await check(resident, `${lang} resident page`);
		await resident.locator('#resident-room').selectOption({ index: 1 });
		await resident.locator('#resident-text').fill(need);
		await resident.getByTestId('resident-form').locator('button[type="submit"]').click();
		await expect(resident.getByTestId('resident-ref')).toBeVisible();
		await resident.getByTestId('resident-check').click();
		await expect(resident.getByTestId('resident-state')).toBeVisible();
		await check(resident, `${lang} resident receipt and state`);
	}
	await page.reload();
	await expect(ours()).toHaveCount(2);
	await page.getByTestId('resident-qr').locator('summary').click();
	await page.getByTestId('skills-editor').locator('summary').click();
	const skills = page.getByTestId('skills-无障碍技能');
	await skills.getByTestId('skill-driver').click();
	await expect(skills.getByTestId('skill-driver')).toHaveAttribute('aria-pressed', 'true');
	await skills.getByRole('textbox').fill('上海话');
	await skills.getByRole('button', { name: '添加' }).click();
	await expect(skills.getByRole('button', { name: '上海话 ×' })).toBeVisible();
	await page.getByTestId('promises-editor').locator('summary').click();
	await check(page, 'triage, QR codes, skills and promised times');
	await page.goto('/sync');
	await page.getByRole('button', { name: 'English' }).click();
	await page.goto('/lead/needs');
	await expect(ours()).toHaveCount(2);
	await page.getByTestId('skills-editor').locator('summary').click();
	await page.getByTestId('promises-editor').locator('summary').click();
	await check(page, 'en triage, skills and promised times');
	await resident.context().close();
	await vol.context().close();
});

// issue 10 (session 4): the desk role — the lead's desk volunteers panel and the desk screen of a
// volunteer marked desk, in Chinese and English.
test('the desk: the lead’s desk volunteers and the desk screen pass axe and 48 px at 360 px, in Chinese and English', async ({
	page,
	browser
}) => {
	const desk = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
	await enrol(desk, '无障碍受理台');
	await enrolLead(page, '无障碍受理台队长');
	await page.goto('/lead/needs');
	await page.getByTestId('desk-roles').locator('summary').click();
	await page.getByTestId('desk-无障碍受理台').click();
	await expect(page.getByTestId('desk-无障碍受理台')).toHaveAttribute('aria-pressed', 'true');
	await page.getByTestId('closed-part').locator('summary').click();
	await page.waitForLoadState('networkidle');
	expect(await seriousViolations(page), 'board, desk volunteers and closed part').toEqual([]);
	expect(await layoutProblems(page), 'board, desk volunteers and closed part').toEqual([]);
	for (const lang of ['zh', 'en'] as const) {
		if (lang === 'en') {
			await desk.goto('/sync');
			await desk.getByRole('button', { name: 'English' }).click();
			await expect(desk.locator('html')).toHaveAttribute('lang', 'en');
		}
		await desk.goto('/needs');
		await desk.getByTestId('open-desk').click();
		await desk.getByTestId('search').fill('1-1');
		await expect(desk.getByTestId('hit-demo-1-1-101')).toBeVisible();
		await desk.waitForLoadState('networkidle');
		expect(await seriousViolations(desk), `${lang} desk, searching`).toEqual([]);
		expect(await layoutProblems(desk), `${lang} desk, searching`).toEqual([]);
	}
	await desk.context().close();
});
