import { expect, test } from '@playwright/test';
import { demoCodes, serverStore } from './helpers';
import { fillNewPin } from '../support/flows.js';
import { rawIndexedDbText } from './raw-idb';

test('an app update that upgrades the IndexedDB schema keeps unsent events, seals them when the PIN is set, and they sync', async ({
	page,
	request
}) => {
	// A device enrolled and recorded on the previous app version and has not synced since.
	const session = await (
		await request.post('/api/enrol', { data: { code: demoCodes().volunteerCode, volunteer: '升级前' } })
	).json();
	const rounds = await (
		await request.get('/api/sync/pull?cursor=0', { headers: { authorization: `Bearer ${session.token}` } })
	).json();
	const roundId = rounds.rounds[0].id as string;
	await page.goto('/icon-192.png');
	await page.evaluate(
		async ({ session, roundId }) => {
			// Version 1 of the schema exactly as Dexie created it (Dexie version n is IndexedDB version 10n).
			const open = indexedDB.open('doorstep', 10);
			open.onupgradeneeded = () => {
				const idb = open.result;
				idb.createObjectStore('meta', { keyPath: 'key' });
				idb.createObjectStore('households', { keyPath: 'id' }).createIndex('[building+unit]', ['building', 'unit']);
				idb.createObjectStore('rounds', { keyPath: 'id' });
				idb.createObjectStore('orders', { keyPath: 'id' }).createIndex('householdId', 'householdId');
				idb.createObjectStore('assignments', { keyPath: 'id' });
				const events = idb.createObjectStore('events', { keyPath: 'id' });
				events.createIndex('householdId', 'householdId');
				events.createIndex('type', 'type');
				idb.createObjectStore('outbox', { keyPath: 'id' });
				idb.createObjectStore('rejected', { keyPath: 'id' });
			};
			const idb = await new Promise<IDBDatabase>((ok) => (open.onsuccess = () => ok(open.result)));
			const tx = idb.transaction(['meta', 'events', 'outbox'], 'readwrite');
			tx.objectStore('meta').put({ key: 'session', value: session });
			for (const [i, room] of ['101', '102', '201'].entries()) {
				const id = `01a00000-0000-7000-8000-00000000000${i}`;
				tx.objectStore('events').put({
					id,
					v: 1,
					type: 'visit',
					deviceId: session.deviceId,
					volunteer: session.volunteer,
					at: new Date().toISOString(),
					householdId: `demo-2-2-${room}`,
					roundId,
					outcome: 'refused',
					sampled: 0,
					residents: 0,
					tube: `T00${i}4455`,
					note: '门口有狗,敲门轻一点',
					replaces: []
				});
				tx.objectStore('outbox').put({ id, tries: 2 });
			}
			await new Promise((ok) => (tx.oncomplete = ok));
			idb.close();
		},
		{ session, roundId }
	);

	// The new version opens the same database, upgrades it and finds the three events waiting.
	// Pushes are held back until that is seen: the app would otherwise sync them on start.
	await page.route('**/api/sync/push', (route) => route.abort('internetdisconnected'));
	await page.goto('/sync');
	// Enrolled before PINs: the volunteer sets one, which seals the clear-text rows in place.
	await expect(page.getByTestId('set-pin-screen')).toBeVisible();
	await expect(page.getByTestId('pending-count')).toHaveText('待同步 3');
	expect(await rawIndexedDbText(page)).toContain('门口有狗');
	await fillNewPin(page);
	await page.getByTestId('set-pin-screen').getByRole('button', { name: '设置 PIN' }).click();
	await expect(page.getByTestId('pending-detail')).toHaveText('3');
	const raw = await rawIndexedDbText(page);
	expect(raw).not.toContain('门口有狗');
	expect(raw).not.toContain('4455');
	await expect(page.getByTestId('oldest-pending')).not.toBeEmpty();
	await page.unroute('**/api/sync/push');
	await page.getByTestId('sync-now').click();
	await expect(page.getByTestId('pending-detail')).toHaveText('0');
	const stored = serverStore((db) =>
		db
			.prepare("SELECT COUNT(*) AS n FROM events e JOIN devices d ON d.id = e.device_id WHERE d.volunteer = '升级前'")
			.get()
	);
	expect(stored).toEqual({ n: 3 });
});
