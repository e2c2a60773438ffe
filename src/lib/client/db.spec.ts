import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { visit } from '$tests/support/events';
import { openDoorstepDb } from './db';

/** The schema as version 1 shipped it: a device in the field may still hold this database. */
function openVersion1(name: string) {
	const db = new Dexie(name);
	db.version(1).stores({
		meta: 'key',
		households: 'id, [building+unit]',
		rounds: 'id',
		orders: 'id, householdId',
		assignments: 'id',
		events: 'id, householdId, type',
		outbox: 'id',
		rejected: 'id'
	});
	return db;
}

const event = (id: string, at: string) =>
	visit({ id, at, deviceId: 'd', householdId: 'h', roundId: 'r', sampled: 1, residents: 1 });

describe('IndexedDB schema upgrade', () => {
	it('keeps every unsent event and its outbox row, adding the time it was recorded', async () => {
		const name = `upgrade-${Math.random()}`;
		const old = openVersion1(name);
		const events = Array.from({ length: 50 }, (_, i) =>
			event(`e${String(i).padStart(3, '0')}`, `2026-11-23T08:${String(i % 60).padStart(2, '0')}:00.000Z`)
		);
		await old.table('events').bulkAdd(events);
		await old.table('outbox').bulkAdd(events.map((e, i) => ({ id: e.id, tries: i % 3 })));
		await old.table('meta').put({ key: 'session', value: { deviceId: 'd' } });
		old.close();

		const db = openDoorstepDb(name);
		const outbox = await db.outbox.orderBy('queuedAt').toArray();
		expect(outbox).toHaveLength(50);
		expect(outbox.map((r) => r.queuedAt)).toEqual(events.map((e) => e.at).sort());
		expect(outbox.find((r) => r.id === 'e004')).toEqual({ id: 'e004', tries: 1, queuedAt: events[4].at });
		expect(await db.events.count()).toBe(50);
		expect(await db.meta.get('session')).toEqual({ key: 'session', value: { deviceId: 'd' } });
		db.close();
	});
});
