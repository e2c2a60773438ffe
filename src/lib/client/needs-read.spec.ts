import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { order, outcome } from '$tests/support/events';
import { created } from '$tests/support/needs';
import { openDoorstepDb } from './db';
import { readNeeds } from './needs-read';

describe('requests on the device', () => {
	it('reads the delivery orders and outcomes an older app stored as requests, beside new ones, losing none', async () => {
		const db = openDoorstepDb(`needs-${Math.random()}`);
		// What a device held before the needs desk: orders, their outcomes, one still unsent.
		const paid = order('o-paid', 'h1', { purchase: true });
		const failed = order('o-failed', 'h2', { urgency: 'medicine' });
		const waiting = order('o-open', 'h3', { urgency: 'infant' });
		const outcomes = [
			outcome('o-paid', { collectedFen: 880 }),
			outcome('o-failed', { outcome: 'failed', reason: 'nobody_home' })
		];
		await db.orders.bulkAdd([paid, failed, waiting]);
		await db.events.bulkAdd(outcomes);
		await db.outbox.add({ id: outcomes[1].id, tries: 0, queuedAt: outcomes[1].at });
		await db.events.add(created({ deviceId: 'd', volunteer: 'A' }, { needId: 'n1', householdId: 'h1' }));

		const needs = await readNeeds(db);
		const by = new Map(needs.map((n) => [n.id, n]));
		expect(by.get('o-paid')).toMatchObject({ kind: 'shopping', state: 'done', done: { collectedFen: 880 } });
		expect(by.get('o-failed')).toMatchObject({
			kind: 'medicine',
			state: 'not_done',
			notDone: { reason: 'nobody_home' }
		});
		expect(by.get('o-open')).toMatchObject({ kind: 'infant', state: 'pool' });
		expect(by.get('n1')).toMatchObject({ kind: 'shopping', state: 'new' });
		expect(needs).toHaveLength(4);
		// Reading changes nothing: the unsent outcome is still waiting to go.
		expect(await db.outbox.count()).toBe(1);
		db.close();
	});
});
