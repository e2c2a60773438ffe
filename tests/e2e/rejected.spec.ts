import { expect, test } from '@playwright/test';
import { chip, enrol, enrolLead } from './helpers';

test('an event the server refuses is listed with its reason and does not block the others', async ({ page }) => {
	await enrol(page, '拒收测试');
	// A record for a household the server does not know, written the way the app writes one:
	// the event and its outbox row in one transaction.
	await page.evaluate(async () => {
		const session = await new Promise<{ deviceId: string; volunteer: string }>((ok) => {
			const req = indexedDB.open('doorstep');
			req.onsuccess = () => {
				const r = req.result.transaction('meta').objectStore('meta').get('session');
				r.onsuccess = () => ok(r.result.value);
			};
		});
		const req = indexedDB.open('doorstep');
		await new Promise<void>((ok) => {
			req.onsuccess = () => {
				const tx = req.result.transaction(['events', 'outbox'], 'readwrite');
				const id = '01a00000-0000-7000-8000-000000000bad';
				tx.objectStore('events').add({
					id,
					v: 1,
					type: 'void',
					deviceId: session.deviceId,
					volunteer: session.volunteer,
					at: new Date().toISOString(),
					householdId: 'no-such-household',
					voids: ['x']
				});
				tx.objectStore('outbox').add({ id, tries: 0, queuedAt: new Date().toISOString() });
				tx.oncomplete = () => ok();
			};
		});
	});
	await chip(page, 'demo-1-1-601').click();
	await page.getByTestId('outcome-refused').click();
	await page.getByRole('button', { name: '立即同步' }).click();
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 0');
	await page.getByRole('link', { name: /同步/ }).last().click();
	await expect(page.getByTestId('rejected-row')).toHaveCount(1);
	await expect(page.getByTestId('rejected-row')).toContainText('householdId');
});

test('the lead sees coverage offline from its last sync', async ({ page, context }) => {
	await enrolLead(page, '离线队长');
	const online = await page.getByTestId('team-total').textContent();
	await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
	await context.setOffline(true);
	const response = await page.reload();
	expect(response?.fromServiceWorker()).toBe(true);
	await expect(page.getByTestId('team-total')).toHaveText(online!);
	await expect(page.getByTestId('sync-label')).toHaveText('离线');
});
