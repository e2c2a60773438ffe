import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { visit } from '$tests/support/events';
import { openDoorstepDb } from './db';
import { Keyring } from './vault/keyring';
import { setPin } from './vault/vault';

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

	it('seals a version 1 clear-text database with unsent events in place when the PIN is set, losing nothing', async () => {
		const name = `upgrade-seal-${Math.random()}`;
		const old = openVersion1(name);
		const events = Array.from({ length: 30 }, (_, i) => ({
			...event(`s${String(i).padStart(3, '0')}`, '2026-11-23T08:00:00.000Z'),
			note: `门口有狗 ${i}`
		}));
		await old.table('events').bulkAdd(events);
		await old.table('outbox').bulkAdd(events.map((e) => ({ id: e.id, tries: 0 })));
		old.close();

		const keyring = new Keyring();
		const db = openDoorstepDb(name, keyring);
		await setPin(db, keyring, '482913', undefined, 10_000);
		expect(await db.events.orderBy('id').toArray()).toEqual(events);
		expect(await db.outbox.count()).toBe(30);
		db.close();
		const raw = await new Dexie(name).open();
		const stored = await raw.table('events').toArray();
		raw.close();
		expect(stored.every((e) => e.sealed instanceof Uint8Array && e.note === undefined)).toBe(true);
		expect(JSON.stringify(stored)).not.toContain('门口有狗');
	});
});
