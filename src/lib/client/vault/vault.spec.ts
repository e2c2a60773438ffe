import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { household, visit } from '$tests/support/events';
import { openDoorstepDb } from '../db';
import { Keyring, LockedError } from './keyring';
import { CARE_TODAY_KEY } from '../care-today';
import { CLEAR_FIELDS } from './keyring';
import {
	changePin,
	hasPin,
	KEPT_THROUGH_WIPE,
	MAX_PIN_FAILS,
	pinTries,
	setPin,
	unlock,
	wipeResidentData
} from './vault';
import { PinFormatError } from './pin-key';

const PIN = '482913';
/** Fewer PBKDF2 rounds than the app's, to keep ten wrong PINs quick; stored with the key, as the app's are. */
const FAST = 10_000;
const home = household('h1', { head: '王建国', phone: '13912345678', note: '独居老人', tags: ['独居'] });
const event = visit({ id: 'e1', householdId: 'h1', note: '左耳助听器', tube: 'T0099887' });
const SECRETS = ['王建国', '13912345678', '独居老人', '独居', '左耳助听器', 'T0099887'];

/** Every row of every store, as IndexedDB holds it (no middleware), as text. */
async function rawText(name: string): Promise<string> {
	const raw = await new Dexie(name).open();
	const rows = await Promise.all(raw.tables.map((t) => t.toArray()));
	raw.close();
	return JSON.stringify(rows, (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v));
}

async function fresh() {
	const name = `vault-${Math.random()}`;
	const keyring = new Keyring();
	const db = openDoorstepDb(name, keyring);
	return { name, keyring, db };
}

describe('residents’ data sealed on the device', () => {
	it('seals a clear database in place when the PIN is set, unsent events included, and reads back the same', async () => {
		const { name, keyring, db } = await fresh();
		await db.households.add(home);
		await db.events.add(event);
		await db.outbox.add({ id: 'e1', tries: 0, queuedAt: event.at });
		expect(await rawText(name)).toContain('13912345678');

		await setPin(db, keyring, PIN, undefined, FAST);
		expect(await hasPin(db)).toBe(true);
		const text = await rawText(name);
		for (const s of SECRETS) expect(text).not.toContain(s);
		// The grid's shape stays in clear, and the indexes still answer.
		expect(await db.households.where('[building+unit]').equals([home.building, home.unit]).toArray()).toEqual([home]);
		expect(await db.events.where('householdId').equals('h1').toArray()).toEqual([event]);
		expect(await db.events.filter((e) => e.id === 'e1').toArray()).toEqual([event]);
		expect(await db.outbox.count()).toBe(1);
		db.close();
	});

	it('refuses reads and writes while locked, and opens with the PIN after a cold start', async () => {
		const { name, keyring, db } = await fresh();
		await setPin(db, keyring, PIN, undefined, FAST);
		await db.households.add(home);
		db.close();

		const cold = new Keyring();
		const again = openDoorstepDb(name, cold);
		expect(await hasPin(again)).toBe(true);
		cold.expectPin();
		await expect(again.households.get('h1')).rejects.toBeInstanceOf(LockedError);
		await expect(again.households.put(home)).rejects.toBeInstanceOf(LockedError);
		// Counting needs no key: the sync bar may show how much waits.
		expect(await again.households.count()).toBe(1);
		expect(await unlock(again, cold, '000000')).toMatchObject({ ok: false, left: MAX_PIN_FAILS - 1, wiped: false });
		expect(await unlock(again, cold, PIN)).toEqual({ ok: true });
		expect(await again.households.get('h1')).toEqual(home);
		again.close();
	});

	it('wipes residents’ data on the tenth wrong PIN in a row but keeps unsent records sealed', async () => {
		const { name, keyring, db } = await fresh();
		await setPin(db, keyring, PIN, undefined, FAST);
		const sent = visit({ id: 'e0', householdId: 'h1' });
		await db.households.add(home);
		await db.events.bulkAdd([sent, event]);
		await db.outbox.add({ id: 'e1', tries: 0, queuedAt: event.at });
		// A care ledger row and the team's volunteers, as a lead's phone holds them.
		await db.careFold.put({ personId: 'p1', householdId: 'h1', paired: 0, name: '王建国' } as never);
		await db.careDirty.clear();
		await db.careVolunteers.put({ id: 'd1', volunteer: '李志愿' });
		keyring.lock();

		// An hour between tries: past every wait of the back-off.
		const hour = (i: number) => Date.now() + i * 3_600_000;
		for (let i = 1; i < MAX_PIN_FAILS; i++) expect((await unlock(db, keyring, '111111', hour(i))).ok).toBe(false);
		expect(await db.households.count()).toBe(1);
		expect(await unlock(db, keyring, '111111', hour(MAX_PIN_FAILS))).toMatchObject({ ok: false, left: 0, wiped: true });
		expect(await db.households.count()).toBe(0);
		expect(await db.events.toCollection().primaryKeys()).toEqual(['e1']);
		expect([await db.careFold.count(), await db.careVolunteers.count()]).toEqual([0, 0]);
		// The ledger is rebuilt from the events that stayed, at the next read.
		expect(await db.careDirty.toCollection().primaryKeys()).toEqual(['*']);
		expect(await rawText(name)).not.toContain('左耳助听器');

		// The PIN still opens what stayed, so it can be handed in.
		expect(await db.meta.get('wiped')).toBeDefined();
		expect(await unlock(db, keyring, PIN, hour(MAX_PIN_FAILS + 1))).toEqual({ ok: true });
		expect(await db.events.get('e1')).toEqual(event);
		expect(await db.meta.get('wiped')).toBeUndefined();
		db.close();
	});

	it('a wipe empties every store of residents’ fields but the kept ones, stores added later included', async () => {
		const { db } = await fresh();
		const wiped = Object.keys(CLEAR_FIELDS).filter((name) => !KEPT_THROUGH_WIPE.has(name));
		// One row in each, keyed as its store keys it (a clear device: no PIN needed to write).
		for (const name of wiped) {
			const key = db.table(name).schema.primKey.keyPath as string;
			await db.table(name).put({ [key]: `${name}-1`, householdId: 'h1', paired: 0, eventId: 'e1', state: 'x' });
		}
		// The today list's snapshot is kept in meta (care-today.ts): it goes too.
		await db.meta.put({ key: CARE_TODAY_KEY, value: { body: 'sealed' } });
		await wipeResidentData(db);
		expect(await db.meta.get(CARE_TODAY_KEY)).toBeUndefined();
		expect(wiped).toContain('coverageSnapshot');
		for (const name of wiped) expect(await db.table(name).count(), name).toBe(0);
		db.close();
	});

	it('makes the volunteer wait after the free tries, refusing early tries uncounted, across a cold start', async () => {
		const { name, keyring, db } = await fresh();
		await setPin(db, keyring, PIN, undefined, FAST);
		keyring.lock();
		const t0 = Date.now();
		for (let i = 0; i < 4; i++)
			expect(await unlock(db, keyring, '111111', t0)).toMatchObject({ ok: false, wiped: false });
		// Four wrong: 30 s before the next try, and the right PIN is refused unread until then.
		expect(await unlock(db, keyring, PIN, t0 + 29_000)).toEqual({
			ok: false,
			waiting: true,
			left: MAX_PIN_FAILS - 4,
			retryAt: t0 + 30_000
		});
		expect(keyring.locked).toBe(true);
		db.close();
		const cold = new Keyring();
		const again = openDoorstepDb(name, cold);
		cold.expectPin();
		expect(await pinTries(again, t0 + 1_000)).toEqual({ fails: 4, retryAt: t0 + 30_000 });
		expect(await unlock(again, cold, '111111', t0 + 30_000)).toMatchObject({
			left: MAX_PIN_FAILS - 5,
			retryAt: t0 + 90_000
		});
		expect(await unlock(again, cold, PIN, t0 + 90_000)).toEqual({ ok: true });
		expect(await pinTries(again, t0 + 90_000)).toEqual({ fails: 0, retryAt: t0 + 90_000 });
		again.close();
	});

	it('changes the PIN to a longer one the lead asks for: the data stays sealed under the same key, the old PIN opens nothing', async () => {
		const { name, keyring, db } = await fresh();
		await setPin(db, keyring, PIN, undefined, FAST);
		await db.households.add(home);
		await expect(changePin(db, keyring, '1234567', 8, FAST)).rejects.toBeInstanceOf(PinFormatError);
		await changePin(db, keyring, '24681357', 8, FAST);
		keyring.lock();
		await expect(changePin(db, keyring, '13572468', 8, FAST)).rejects.toBeInstanceOf(LockedError);
		expect(await unlock(db, keyring, PIN)).toMatchObject({ ok: false });
		expect(await unlock(db, keyring, '24681357')).toEqual({ ok: true });
		expect(await db.households.get('h1')).toEqual(home);
		const text = await rawText(name);
		expect(text).not.toContain('13912345678');
		db.close();
	});
});
