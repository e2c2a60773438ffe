import { expect, test } from '@playwright/test';
import { enrol, enrolLead } from './helpers';

test('the lead sees what the server refused from which device, and why', async ({ page, browser }) => {
	await enrol(page, '拒收测试');
	// A device with an old or broken app sends an event this server cannot take.
	const answer = await page.evaluate(async () => {
		const req = indexedDB.open('doorstep');
		const idb = await new Promise<IDBDatabase>((ok) => (req.onsuccess = () => ok(req.result)));
		const session = await new Promise<{ value: { token: string } }>((ok) => {
			const r = idb.transaction('meta').objectStore('meta').get('session');
			r.onsuccess = () => ok(r.result);
		});
		idb.close();
		const res = await fetch('/api/sync/push', {
			method: 'POST',
			headers: { authorization: `Bearer ${session.value.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ events: [{ id: 'broken-event-1', v: 99, note: 'x' }], pending: 1 })
		});
		return res.json();
	});
	expect(answer).toMatchObject({ results: [{ id: 'broken-event-1', status: 'rejected' }] });

	const lead = await (await browser.newContext()).newPage();
	await enrolLead(lead, '拒收队长');
	await lead.goto('/lead/manage');
	await lead.getByTestId('manage-refused').click();
	await expect(lead.getByRole('heading', { level: 1 })).toHaveText('被拒记录');
	await expect(lead.getByTestId('refused-device')).toContainText('拒收测试');
	const row = lead.getByTestId('refused-row').first();
	await expect(row).toContainText('拒收测试');
	await expect(row).toContainText('unknown event schema version 99');
	await expect(row).toContainText('broken-event-1');
	await lead.context().close();
});
