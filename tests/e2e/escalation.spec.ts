import { expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { seriousViolations, targetsOk } from './a11y-checks';
import { enrolLead, fillNewPin, unlockWhenLocked } from '../support/flows.js';
import { ServerProcess } from './server-process';
import { swReady } from './helpers';
import { E2E_PORT } from '../support/e2e-server.js';

/**
 * Escalation across communities (issue 10, session 4), on a server of its own set up by a street
 * office with two communities: community A's lead escalates a request (上报街道), the office passes
 * it to community B, B's lead sees its history and the head of household's phone, takes it on and
 * closes it, and A's lead sees where it went and the outcome — the original leaves A's open list,
 * and stays out of it offline, from what A's device kept. The office's list and both lead sections
 * (the passed-on one online and offline) pass axe and 48 px at 360 px in Chinese and English.
 */
// Beside this run's E2E_PORT, so parallel runs on one machine never share a port.
const PORT = E2E_PORT + 6;
const DATA_DIR = 'test-results/escalation-data';
let server: ServerProcess;

test.beforeEach(async () => {
	server = new ServerProcess(PORT, DATA_DIR, { demo: false });
	await server.start();
});
test.afterEach(async () => server.kill());

function setupLink(): string {
	const out = execFileSync('npm', ['run', '-s', 'admin', '--', 'setup-link', '--json', '--base-url', server.url], {
		env: { ...process.env, DATA_DIR, DATABASE_URL: '' },
		encoding: 'utf8'
	});
	return (JSON.parse(out) as { setupLink: string }).setupLink;
}

async function phone(browser: Browser): Promise<Page> {
	const ctx = await browser.newContext({ baseURL: server.url, viewport: { width: 360, height: 740 } });
	return ctx.newPage();
}

const sync = async (page: Page) => {
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');
};

async function bothLanguages(page: Page, label: string, heading: { zh: string; en: string }) {
	await expect(page.getByRole('heading', { name: heading.zh })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await targetsOk(page, `${label} zh`);
	await page.evaluate(() => localStorage.setItem('doorstep.locale', 'en'));
	await page.reload();
	await expect(page.getByRole('heading', { name: heading.en })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await targetsOk(page, `${label} en`);
	await page.evaluate(() => localStorage.setItem('doorstep.locale', 'zh-CN'));
	await page.reload();
	await expect(page.getByRole('heading', { name: heading.zh })).toBeVisible();
}

test('lead A escalates → the office passes it to community B → B’s lead takes it on and closes it → A’s lead sees the outcome', async ({
	browser
}) => {
	// Four phones and two communities' whole flow: more than the default minute on a shared machine.
	test.setTimeout(240_000);
	const office = await phone(browser);
	office.on('dialog', (d) => void d.accept());
	await office.goto(setupLink().replace(server.url, ''));
	await office.getByLabel('街道 / 镇名称').fill('某某街道');
	await office.getByLabel('你的姓名(管理员)').fill('街道王主任');
	await office.getByLabel('第一个社区名称').fill('乙社区');
	await office.getByLabel('加载演示社区(随机登记码)').check();
	await office.getByRole('button', { name: '完成设置' }).click();
	const leadCodeA = ((await office.getByTestId('setup-lead-demo-team-code').textContent()) ?? '').trim();
	const codes = await office.locator('[data-testid$="-code"][data-testid^="setup-lead-"]').allTextContents();
	const leadCodeB = codes.map((c) => c.trim()).find((c) => c !== leadCodeA) ?? '';
	expect(leadCodeB).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
	// B's volunteer code, beside its lead code on the setup screen.
	const leadCardB = office.locator('[data-testid$="-code"][data-testid^="setup-lead-"]', { hasText: leadCodeB });
	const teamB = ((await leadCardB.getAttribute('data-testid')) ?? '').slice('setup-lead-'.length, -'-code'.length);
	const volunteerCodeB = ((await office.getByTestId(`setup-volunteer-${teamB}-code`).textContent()) ?? '').trim();
	expect(volunteerCodeB).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);

	// Community A (the demo): a phone request for 2-1-301, escalated to the street office.
	const leadA = await phone(browser);
	await enrolLead(leadA, '甲队长', { code: leadCodeA });
	await leadA.goto('/lead/needs');
	await leadA.getByTestId('search').fill('2-1-301');
	await leadA.getByTestId('hit-demo-2-1-301').click();
	await leadA.getByTestId('kind-medicine').click();
	await leadA.getByTestId('items').fill('胰岛素');
	await leadA.getByTestId('save-need').click();
	const card = leadA.locator('[data-testid^="need-"]', { hasText: '2号楼1单元 301' }).filter({ hasText: '胰岛素' });
	await expect(card).toHaveAttribute('data-state', 'new');
	const needId = ((await card.getAttribute('data-testid')) ?? '').slice('need-'.length);
	// Opened on whom to give it to: close that, then escalate.
	await card.getByRole('button', { name: '取消' }).click();
	await card.getByTestId('escalate').click();
	await expect(card).toContainText('已上报街道');
	await sync(leadA);

	// The office: the door, the kind and what is needed, from which community — and passes it on.
	await office.goto('/admin');
	const up = office.getByTestId(`escalated-${needId}`);
	await expect(up).toContainText('2号楼1单元 301');
	await expect(up).toContainText('胰岛素');
	await expect(up).toContainText('新房子社区');
	await bothLanguages(office, 'escalations', { zh: '各社区上报的需求', en: 'Requests escalated by the communities' });
	await up.getByTestId('pass-to').selectOption({ label: '乙社区' });
	await up.getByTestId('pass').click();
	await expect(up.getByTestId('passed-to')).toContainText('已转派给 乙社区');
	await expect(up.getByTestId('pass')).toHaveCount(0);

	// Community B's lead: the request with its history and the phone to call, taken on, done.
	const leadB = await phone(browser);
	await enrolLead(leadB, '乙队长', { code: leadCodeB });
	await leadB.goto('/lead/needs');
	const inc = leadB.getByTestId(`incoming-${needId}`);
	await expect(inc).toContainText('2号楼1单元 301');
	await expect(inc).toContainText('胰岛素');
	await expect(inc).toContainText('由 新房子社区 · 演示队 上报');
	await expect(inc.getByRole('link')).toHaveAttribute('href', /^tel:\d+/);
	await bothLanguages(leadB, 'transfers in', { zh: '街道转来的需求', en: 'Requests passed on by the street office' });
	await inc.getByTestId('transfer-take').click();
	await expect(inc).toHaveAttribute('data-state', 'taken');
	// Taken on, it is one of B's own requests, at A's door (a foreign door, never in B's roster).
	await expect(inc.getByTestId('transfer-own')).toBeVisible();
	await bothLanguages(leadB, 'transfers in taken', {
		zh: '街道转来的需求',
		en: 'Requests passed on by the street office'
	});
	const own = leadB.locator('[data-testid^="need-"]', { hasText: '2号楼1单元 301' }).filter({ hasText: '胰岛素' });
	await expect(own).toHaveAttribute('data-state', 'new');

	// A volunteer of B: enrolled (and approved), given the request, does it; the transfer follows.
	const volB = await phone(browser);
	await volB.goto(`/enrol?code=${encodeURIComponent(volunteerCodeB)}`);
	await expect(volB.getByLabel('登记码')).toHaveValue(volunteerCodeB);
	await volB.getByLabel('志愿者姓名').fill('乙志愿');
	await fillNewPin(volB);
	await unlockWhenLocked(volB);
	await volB.getByRole('button', { name: '登记' }).click();
	await volB.waitForURL(/\/(waiting|grid)$/);
	if (volB.url().endsWith('/waiting')) {
		await leadB.goto('/lead/devices');
		await leadB.getByTestId('approve').click();
		await volB.waitForURL(/\/grid$/, { timeout: 15_000 });
		await leadB.goto('/lead/needs');
	}
	await own.getByTestId('assign').click();
	await own.getByTestId('give-乙志愿').click();
	await expect(own).toHaveAttribute('data-state', 'held');
	await sync(leadB);
	await volB.goto('/needs');
	await sync(volB);
	const task = volB.locator('[data-testid^="need-"]', { hasText: '胰岛素' });
	await expect(task).toContainText('2号楼1单元 301');
	// The holder gets the head of household's phone (no name: a foreign door carries none).
	await expect(task.getByRole('link', { name: /打给 户主/ })).toHaveAttribute('href', /^tel:\d+/);
	await bothLanguages(volB, 'foreign door task', { zh: '我的任务 1', en: 'My tasks 1' });
	await task.getByTestId('on-the-way').click();
	await task.getByTestId('done').click();
	await task.getByTestId('confirm-done').click();
	await expect(task).toHaveCount(0);
	await sync(volB);
	await leadB.reload();
	await expect(leadB.getByTestId(`incoming-${needId}`)).toHaveAttribute('data-state', 'done');
	await expect(leadB.getByTestId(`incoming-${needId}`).getByTestId('transfer-done')).toHaveCount(0);

	// Community A's lead: where it went and how it ended; it no longer counts among A's open requests.
	await leadA.reload();
	const out = leadA.getByTestId(`outgoing-${needId}`);
	await expect(out).toContainText('已转派给 乙社区');
	await expect(out).toContainText('已完成');
	await expect(leadA.getByTestId(`need-${needId}`)).toHaveCount(0);
	await bothLanguages(leadA, 'transfers out', { zh: '已转派的需求', en: 'Requests passed on' });

	// Offline, A's board still knows from what the device kept at the last answer: the request
	// stays out of the open list and count, listed as passed on with its state and from when.
	// Another open request shows the board has read its requests before the count is compared.
	await leadA.getByTestId('search').fill('2-1-302');
	await leadA.getByTestId('hit-demo-2-1-302').click();
	await leadA.getByTestId('kind-shopping').click();
	await leadA.getByTestId('items').fill('挂面');
	await leadA.getByTestId('save-need').click();
	const other = leadA.locator('[data-testid^="need-"]', { hasText: '挂面' });
	await expect(other).toHaveAttribute('data-state', 'new');
	await sync(leadA);
	const openCount = leadA.getByRole('heading', { level: 1 });
	const countOnline = (await openCount.textContent()) ?? '';
	expect(countOnline).toMatch(/未完成 [1-9]/);
	await swReady(leadA);
	await leadA.context().setOffline(true);
	await leadA.reload();
	await expect(leadA.getByTestId('sync-label')).toHaveText('离线');
	await expect(other).toBeVisible();
	await expect(openCount).toHaveText(countOnline);
	await expect(leadA.getByTestId(`need-${needId}`)).toHaveCount(0);
	const kept = leadA.getByTestId(`outgoing-${needId}`);
	await expect(kept).toContainText('已转派给 乙社区');
	await expect(kept).toHaveAttribute('data-state', 'done');
	await expect(leadA.getByTestId('transfers-out-kept')).toContainText(/来自上次同步 \d{4}\/\d{1,2}\/\d{1,2} \d\d:\d\d/);
	await bothLanguages(leadA, 'transfers out offline', { zh: '已转派的需求', en: 'Requests passed on' });
	await expect(leadA.getByTestId('transfers-out-kept')).toBeVisible();
	await leadA.context().setOffline(false);

	// The office sees the outcome too.
	await office.reload();
	await expect(office.getByTestId(`escalated-${needId}`).getByTestId('passed-to')).toContainText('已完成');
});
