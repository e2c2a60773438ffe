import { expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { seriousViolations, targetsOk } from './a11y-checks';
import { chip } from './helpers';
import { fillNewPin, unlockWhenLocked } from '../support/flows.js';
import { ServerProcess } from './server-process';
import { E2E_PORT } from '../support/e2e-server.js';

/**
 * A street office deploys Doorstep from nothing: the first start knows no team and no code; the
 * one-time setup link names the organisation and makes its communities; a lead is invited by QR;
 * a volunteer enrols, waits, is approved, records and syncs; the administrator sees coverage.
 */
// Beside this run's E2E_PORT, so parallel runs on one machine never share a port.
const PORT = E2E_PORT + 14;
const DATA_DIR = 'test-results/deployment-data';
let server: ServerProcess;

test.beforeEach(async () => {
	server = new ServerProcess(PORT, DATA_DIR, { demo: false });
	await server.start();
});
test.afterEach(async () => server.kill());

/** The operator's command line prints a fresh one-time link, as the first start does. */
function setupLink(): string {
	const out = execFileSync('npm', ['run', '-s', 'admin', '--', 'setup-link', '--json', '--base-url', server.url], {
		env: { ...process.env, DATA_DIR, DATABASE_URL: '' },
		encoding: 'utf8'
	});
	return (JSON.parse(out) as { setupLink: string }).setupLink;
}

async function phone(browser: Browser): Promise<Page> {
	// A phone at 360 px, as every screen must work on.
	const ctx = await browser.newContext({ baseURL: server.url, viewport: { width: 360, height: 740 } });
	return ctx.newPage();
}

async function enrolWith(page: Page, code: string, name: string): Promise<void> {
	await page.goto(`/enrol?code=${code}`);
	await expect(page.getByLabel('登记码')).toHaveValue(code);
	await page.getByLabel('志愿者姓名').fill(name);
	await fillNewPin(page);
	await unlockWhenLocked(page);
	await page.getByRole('button', { name: '登记' }).click();
}

test('first start → setup link → two communities → lead by QR → volunteer waits, is approved, records, syncs → the office sees it', async ({
	browser
}) => {
	// Five phones and two sign-ins in one flow: the default minute ran out once at a load of 18.
	test.setTimeout(180_000);
	// A store with no team answers every code with "no such code".
	const stranger = await phone(browser);
	await enrolWith(stranger, 'DEMO2026', '路人');
	await expect(stranger.getByRole('alert')).toContainText('code');

	const office = await phone(browser);
	const link = setupLink().replace(server.url, '');
	// The set-up screen in English, then in Chinese (the language switch is on it).
	await office.goto(link);
	await office.getByRole('button', { name: 'English' }).click();
	await expect(office.getByRole('heading', { name: 'First set-up' })).toBeVisible();
	expect(await seriousViolations(office)).toEqual([]);
	await targetsOk(office, 'setup en');
	await office.getByRole('button', { name: '中文' }).click();
	await expect(office.getByRole('heading', { name: '首次设置' })).toBeVisible();
	expect(await seriousViolations(office)).toEqual([]);
	await targetsOk(office, 'setup zh');
	await office.getByLabel('街道 / 镇名称').fill('某某街道');
	await office.getByLabel('你的姓名(管理员)').fill('街道王主任');
	await office.getByLabel('第一个社区名称').fill('一社区');
	await office.getByLabel('加载演示社区(随机登记码)').check();
	await office.getByRole('button', { name: '完成设置' }).click();
	const leadCode = (await office.getByTestId('setup-lead-demo-team-code').textContent()) ?? '';
	expect(leadCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
	// The secret is gone from the address bar once spent.
	expect(office.url()).not.toContain('#');
	await office.getByRole('link', { name: '进入街道管理' }).click();
	await expect(office.getByTestId('community-name')).toHaveText(['一社区', '新房子社区 · 演示队']);
	expect(await seriousViolations(office)).toEqual([]);
	await targetsOk(office, 'admin zh');

	// The lead opens the QR link of the demo community's lead code.
	const lead = await phone(browser);
	await enrolWith(lead, leadCode, '刘队长');
	await expect(lead).toHaveURL(/\/lead$/);
	await lead.goto('/lead/devices');
	// Reopened, the app is locked; the assertion lets the shared flow unlock it.
	await expect(lead.getByTestId('enrol-code')).toBeVisible();
	const volunteerCode = (await lead.getByTestId('enrol-code').textContent()) ?? '';

	// The volunteer waits for the lead.
	const vol = await phone(browser);
	await enrolWith(vol, volunteerCode, '周志愿');
	await expect(vol).toHaveURL(/\/waiting$/);
	await expect(vol.getByTestId('waiting')).toContainText('周志愿');
	expect(await seriousViolations(vol)).toEqual([]);
	await targetsOk(vol, 'waiting zh');
	await vol.evaluate(() => localStorage.setItem('doorstep.locale', 'en'));
	await vol.reload();
	await expect(vol.getByRole('heading', { name: 'Waiting for the team lead' })).toBeVisible();
	expect(await seriousViolations(vol)).toEqual([]);
	await targetsOk(vol, 'waiting en');
	await vol.evaluate(() => localStorage.setItem('doorstep.locale', 'zh-CN'));
	await lead.reload();
	await lead.getByTestId('approve').click();
	await expect(vol).toHaveURL(/\/grid$/, { timeout: 15_000 });

	// Unassigned, the volunteer sees the team masked; it records and syncs.
	await chip(vol, 'demo-1-1-101').click();
	await vol.getByTestId('all-sampled').click();
	await expect(chip(vol, 'demo-1-1-101')).toHaveAttribute('data-state', 'done');
	await vol.goto('/sync');
	await vol.getByTestId('sync-now').click();
	await expect(vol.getByTestId('sync-bar')).toContainText('已同步');

	await office.getByRole('button', { name: '刷新' }).click();
	const demo = office.getByTestId('community').filter({ hasText: '新房子社区' });
	await expect(demo.getByTestId('community-coverage')).toContainText('已完成 1/');
	// The office screen in English too.
	await office.goto('/sync');
	await office.getByRole('button', { name: 'English' }).click();
	await office.goto('/admin');
	await expect(office.getByRole('button', { name: 'Refresh' })).toBeVisible();
	expect(await seriousViolations(office)).toEqual([]);
	await targetsOk(office, 'admin en');

	// The lead sees who recorded it and when the server received it, and may void it: the void
	// is kept with who made it.
	await lead.goto('/sync');
	await lead.getByTestId('sync-now').click();
	await expect(lead.getByTestId('sync-bar')).toContainText('已同步');
	await lead.goto('/lead');
	await lead.getByTestId('building-1').click();
	await chip(lead, 'demo-1-1-101').click();
	const record = lead.getByTestId('household-detail').getByTestId('record');
	await expect(record).toContainText('周志愿');
	await expect(record).toContainText('服务器收到');
	lead.once('dialog', (d) => void d.accept());
	await record.getByTestId('void-record').click();
	await expect(lead.getByTestId('voided-record')).toContainText('已由 刘队长');
	await lead.goto('/lead/devices');

	// The lead rotates the volunteer code: the old QR stops at once.
	lead.once('dialog', (d) => void d.accept());
	await lead.getByTestId('rotate-volunteer').click();
	await expect(lead.getByTestId('enrol-code')).not.toHaveText(volunteerCode);
	const late = await phone(browser);
	await enrolWith(late, volunteerCode, '拿旧码');
	await expect(late.getByRole('alert')).toBeVisible();
	await expect(late).toHaveURL(/\/enrol/);

	// A revoked volunteer who enrols again with the new code waits like anyone else.
	lead.once('dialog', (d) => void d.accept());
	await lead.getByTestId('device-row').filter({ hasText: '周志愿' }).getByRole('button', { name: '停用' }).click();
	await expect(lead.getByTestId('device-row').filter({ hasText: '周志愿' })).toContainText('已停用');
	const newCode = (await lead.getByTestId('enrol-code').textContent()) ?? '';
	const again = await phone(browser);
	await enrolWith(again, newCode, '周志愿');
	await expect(again).toHaveURL(/\/waiting$/);
});

test('pages carry the security headers and a policy the app passes; API answers are never cached', async ({ page }) => {
	const violations: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
	});
	const res = await page.goto(`${server.url}/enrol`);
	const h = res?.headers() ?? {};
	expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(h['x-content-type-options']).toBe('nosniff');
	expect(h['referrer-policy']).toBe('no-referrer');
	expect(await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content')).toContain(
		"script-src 'self' 'sha256-"
	);
	await expect(page.getByLabel('登记码')).toBeVisible();
	expect(violations).toEqual([]);
	const api = await page.request.get(`${server.url}/api/sync/pull`);
	expect(api.status()).toBe(401);
	expect(api.headers()['cache-control']).toBe('no-store');
});
