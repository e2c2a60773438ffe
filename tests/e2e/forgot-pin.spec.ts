import { expect, test, type Page } from '@playwright/test';
import { seriousViolations, targetsOk } from './a11y-checks';
import { chip, enrol, enrolLead, serverStore } from './helpers';
import { TEST_PIN } from '../support/flows.js';

// Issue 9: a forgotten PIN asks the lead to approve the loss of the unsent records; the phone
// keeps them aside, sealed, and the volunteer enrols again at once. Every screen here is drawn
// at 360 px and checked with axe and for 48 px targets in both languages.
test.use({ viewport: { width: 360, height: 740 } });

/** Counts of the stores that matter, as the browser holds them. */
const stores = (page: Page) =>
	page.evaluate(async () => {
		const idb = await new Promise<IDBDatabase>((ok) => {
			const req = indexedDB.open('doorstep');
			req.onsuccess = () => ok(req.result);
		});
		const count = (name: string) =>
			new Promise<number>((ok) => {
				const req = idb.transaction(name).objectStore(name).count();
				req.onsuccess = () => ok(req.result);
			});
		const out = {
			outbox: await count('outbox'),
			events: await count('events'),
			meta: await count('meta'),
			aside: await count('aside')
		};
		idb.close();
		return out;
	});

/** What the server holds about a volunteer's request: the ids asked about, its state, the token. */
const asked = (volunteer: string) =>
	serverStore((db) => {
		const device = db
			.prepare('SELECT id, revoked_at FROM devices WHERE volunteer = ? ORDER BY created_at')
			.get(volunteer) as {
			id: string;
			revoked_at: string | null;
		};
		const ids = (
			db.prepare('SELECT event_id FROM written_off WHERE device_id = ?').all(device.id) as { event_id: string }[]
		).map((r) => r.event_id);
		const request = db.prepare('SELECT status FROM write_off_requests WHERE device_id = ?').get(device.id) as
			{ status: string } | undefined;
		const placeholders = ids.map(() => '?').join(',') || "''";
		const inEvents = (
			db.prepare(`SELECT COUNT(*) AS n FROM events WHERE id IN (${placeholders})`).get(...ids) as { n: number }
		).n;
		return { ids, status: request?.status, revoked: device.revoked_at !== null, inEvents };
	});

/** Enrols, records two visits offline and reloads: locked, with two records unsent. */
async function lockedWithTwoUnsent(page: Page, name: string, context: import('@playwright/test').BrowserContext) {
	await enrol(page, name);
	await page.removeLocatorHandler(page.getByTestId('lock-screen'));
	await context.setOffline(true);
	await chip(page, 'demo-1-1-401').click();
	await page.getByTestId('all-sampled').click();
	await chip(page, 'demo-1-1-402').click();
	await page.getByTestId('outcome-nobody_home').click();
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 2');
	await page.reload();
	await page.getByTestId('forgot-pin-open').click();
}

/** Asks the lead (online) and lands on the enrolment screen with the records set aside. */
async function askLead(page: Page) {
	page.once('dialog', (d) => void d.accept());
	await page.getByTestId('write-off').click();
	await page.waitForURL(/\/enrol$/);
	await expect(page.getByTestId('aside-status')).toContainText('2');
}

async function bothLanguages(page: Page, label: string) {
	for (const lang of ['zh-CN', 'en']) {
		if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		expect(await seriousViolations(page), `${label} ${lang}`).toEqual([]);
		await targetsOk(page, `${label} ${lang}`);
	}
	await page.getByRole('button', { name: '中文' }).click();
}

/**
 * The devices screen with a request: axe and 48 px in Chinese; in English axe and the request's
 * own buttons (the lead's English bottom bar is wider than 360 px, from before this issue, so
 * the lead screens' whole-page layout check runs in Chinese only, as in a11y.spec.ts).
 */
async function leadBothLanguages(lead: Page, row: import('@playwright/test').Locator) {
	expect(await seriousViolations(lead), 'devices screen zh-CN').toEqual([]);
	await targetsOk(lead, 'devices screen zh-CN');
	const language = async (name: string, lang: string) => {
		await lead.goto('/sync');
		await lead.getByRole('button', { name }).click();
		await expect(lead.locator('html')).toHaveAttribute('lang', lang);
		await lead.goto('/lead/devices');
		await expect(row.getByTestId('write-off-approve')).toBeVisible();
	};
	await language('English', 'en');
	await lead.waitForLoadState('networkidle');
	expect(await seriousViolations(lead), 'devices screen en').toEqual([]);
	for (const id of ['write-off-approve', 'write-off-refuse']) {
		const box = await row.getByTestId(id).boundingBox();
		expect(box?.height ?? 0, id).toBeGreaterThanOrEqual(48);
		expect(box?.width ?? 0, id).toBeGreaterThanOrEqual(48);
	}
	await language('中文', 'zh-CN');
}

test('a forgotten PIN: the lead is asked, the phone keeps the records aside and enrols again; approved, they are erased and the server has their ids', async ({
	page,
	context,
	browser
}) => {
	await lockedWithTwoUnsent(page, '忘码志愿', context);
	// The explanation names the number; "keep trying" goes back to the PIN.
	await expect(page.getByTestId('unsent-count')).toContainText('2');
	await page.getByTestId('keep-trying').click();
	await expect(page.getByTestId('pin')).toBeVisible();
	await page.getByTestId('forgot-pin-open').click();
	await bothLanguages(page, 'forgot PIN');

	// Declining the confirm changes nothing; offline, the lead cannot be asked, so nothing moves.
	page.once('dialog', (d) => void d.dismiss());
	await page.getByTestId('write-off').click();
	let question = '';
	page.once('dialog', (d) => {
		question = d.message();
		void d.accept();
	});
	await page.getByTestId('write-off').click();
	await expect(page.getByTestId('forgot-pin').getByRole('alert')).toBeVisible();
	expect(question).toContain('2');
	expect(await stores(page)).toMatchObject({ outbox: 2, aside: 0 });
	await expect(page.getByTestId('lock-screen')).toBeVisible();

	// Online: asked; the records are set aside (still sealed), the rest erased, and the enrolment screen.
	await context.setOffline(false);
	await askLead(page);
	expect(await stores(page)).toEqual({ outbox: 0, events: 0, meta: 0, aside: 1 });
	const filed = asked('忘码志愿');
	expect(filed).toMatchObject({ status: 'pending', revoked: true, inEvents: 0 });
	expect(filed.ids).toHaveLength(2);
	await bothLanguages(page, 'set-aside records on enrolment');

	// Not stuck: the volunteer enrols again at once, the records still aside.
	await enrol(page, '忘码志愿');
	expect((await stores(page)).aside).toBe(1);

	// The lead sees the request on the devices screen and approves it.
	const lead = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
	await enrolLead(lead, '忘码组长');
	await lead.goto('/lead/devices');
	const row = lead.locator('[data-testid=device-row].revoked').filter({ hasText: '忘码志愿' });
	await expect(row.getByTestId('write-off-asked')).toContainText('2');
	await leadBothLanguages(lead, row);
	let confirmText = '';
	lead.once('dialog', (d) => {
		confirmText = d.message();
		void d.accept();
	});
	await row.getByTestId('write-off-approve').click();
	await expect(row.getByTestId('written-off')).toContainText('2');
	expect(confirmText).toContain('忘码志愿');
	await lead.context().close();
	expect(asked('忘码志愿')).toMatchObject({ status: 'approved', ids: filed.ids, inEvents: 0 });

	// The phone learns of it on the sync screen (and at every sync): the set-aside records go, only them.
	await page.getByRole('link', { name: '同步', exact: true }).click();
	await expect.poll(async () => (await stores(page)).aside).toBe(0);
	await expect(page.getByTestId('aside-records')).toHaveCount(0);
	await page.getByRole('link', { name: '楼栋', exact: true }).click();
	await expect(chip(page, 'demo-1-1-401')).toBeVisible();
});

test('refused, the records stay aside; the old PIN remembered hands them in with the old token', async ({
	page,
	context,
	browser
}) => {
	await lockedWithTwoUnsent(page, '记起志愿', context);
	await context.setOffline(false);
	await askLead(page);
	const filed = asked('记起志愿');

	const lead = await (await browser.newContext()).newPage();
	await enrolLead(lead, '记起组长');
	await lead.goto('/lead/devices');
	const row = lead.locator('[data-testid=device-row].revoked').filter({ hasText: '记起志愿' });
	await row.getByTestId('write-off-refuse').click();
	await expect(row.getByTestId('write-off-refused')).toContainText('2');
	expect(asked('记起志愿').status).toBe('refused');

	// The phone is told when it next asks; the records stay.
	await page.reload();
	await expect(page.getByTestId('aside-status')).toContainText('没有批准');
	expect((await stores(page)).aside).toBe(1);

	// A wrong old PIN changes nothing; the right one hands them in.
	await page.getByTestId('aside-pin').fill('000000');
	await page.getByTestId('aside-hand-in').click();
	await expect(page.getByTestId('aside-records').getByRole('alert')).toContainText('不对');
	expect((await stores(page)).aside).toBe(1);
	await page.getByTestId('aside-pin').fill(TEST_PIN);
	await page.getByTestId('aside-hand-in').click();
	await expect(page.getByTestId('aside-message')).toContainText('全部上传');
	expect((await stores(page)).aside).toBe(0);
	expect(asked('记起志愿')).toMatchObject({ ids: filed.ids, inEvents: 2 });

	// The lead's screen no longer counts them as unsent.
	await lead.reload();
	await expect(
		lead.getByTestId('device-row').filter({ hasText: '记起志愿' }).getByTestId('write-off-refused')
	).toHaveCount(0);
	await lead.context().close();
});
