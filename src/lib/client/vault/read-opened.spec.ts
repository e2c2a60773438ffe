import 'fake-indexeddb/auto';
import Dexie, { liveQuery } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { household, visit, voiding } from '$tests/support/events';
import type { FieldEvent, Household } from '$lib/domain/schemas';
import { openDoorstepDb } from '../db';
import { Keyring, LockedError } from './keyring';
import { readOpened } from './read-opened';
import { setPin } from './vault';

const FAST = 10_000;

async function sealedDb() {
	const name = `read-opened-${Math.random()}`;
	const keyring = new Keyring();
	const db = openDoorstepDb(name, keyring);
	const homes = Array.from({ length: 30 }, (_, i) =>
		household(`h${i}`, { head: `户主${i}`, phone: `1391234${String(i).padStart(4, '0')}` })
	);
	const visits = homes.map((h, i) => visit({ id: `v${i}`, householdId: h.id, note: `备注${i}` }));
	await db.households.bulkPut(homes);
	await db.events.bulkPut([...visits, voiding(visits[3], { id: 'x3' })]);
	await setPin(db, keyring, '482913', undefined, FAST);
	return { name, keyring, db };
}

type Db = Awaited<ReturnType<typeof sealedDb>>['db'];

/** Households and visit/void events, read as fieldData reads them: one transaction, opened in one batch. */
const batched = (db: Db) =>
	readOpened(db, [db.households, db.events], [db.households, db.events], async () => ({
		rows: [
			await db.households.toArray(),
			await db.events.where('type').equals('visit').toArray(),
			await db.events.where('type').equals('void').toArray()
		] as [Household[], FieldEvent[], FieldEvent[]]
	}));

/** The same rows opened one by one by the sealing middleware, as every other read does. */
const oneByOne = async (db: Db) => [
	await db.households.toArray(),
	await db.events.where('type').equals('visit').toArray(),
	await db.events.where('type').equals('void').toArray()
];

describe('readOpened: a read whose sealed rows open after it, in one batch', () => {
	it('hands back exactly what the one-by-one open gives, and the rows were sealed inside the read', async () => {
		const { db } = await sealedDb();
		const { rows } = await batched(db);
		expect(rows).toEqual(await oneByOne(db));
		expect(rows[0].find((h) => h.id === 'h7')).toMatchObject({ head: '户主7', phone: '13912340007' });
		expect(rows[2]).toHaveLength(1);
		// Inside the transaction the rows came back as stored; another table in it still opened.
		const inside = await readOpened(db, [db.households, db.events], [db.households], async () => {
			const homes = await db.households.limit(1).toArray();
			const events = await db.events.limit(1).toArray();
			expect(Object.keys(homes[0])).toContain('sealed');
			expect(homes[0]).not.toHaveProperty('head');
			expect(events[0]).not.toHaveProperty('sealed');
			return { rows: [homes], events };
		});
		expect(inside.rows[0][0]).toEqual((await db.households.limit(1).toArray())[0]);
		expect(inside.events[0]).toHaveProperty('note');
	});

	it('refuses while locked, under another key, or with a row altered on the device, as the one-by-one open does', async () => {
		const { name, keyring, db } = await sealedDb();
		const key = new Uint8Array(keyring.openKey());
		keyring.lock();
		await expect(oneByOne(db)).rejects.toBeInstanceOf(LockedError);
		await expect(batched(db)).rejects.toBeInstanceOf(LockedError);
		keyring.unlock(new Uint8Array(32).fill(1));
		await expect(oneByOne(db)).rejects.toThrow();
		await expect(batched(db)).rejects.toThrow();
		keyring.unlock(key);
		expect((await batched(db)).rows).toEqual(await oneByOne(db));
		// One byte of one stored box changed, past the middleware: the whole read is refused.
		const raw = await new Dexie(name).open();
		const row = await raw.table('households').get('h5');
		row.sealed[20] ^= 1;
		await raw.table('households').put(row);
		raw.close();
		await expect(oneByOne(db)).rejects.toThrow();
		await expect(batched(db)).rejects.toThrow();
	});

	it('inside a live query, follows a commit to the rows it read', async () => {
		const { db } = await sealedDb();
		const answers: Household[][] = [];
		const sub = liveQuery(async () => (await batched(db)).rows[0]).subscribe({ next: (v) => answers.push(v) });
		try {
			await vi.waitFor(() => expect(answers).toHaveLength(1));
			await db.households.put(household('h99', { head: '新户主' }));
			await vi.waitFor(() => expect(answers.at(-1)?.find((h) => h.id === 'h99')).toMatchObject({ head: '新户主' }));
			const seen = answers.length;
			await db.households.update('h3', { head: '改名' });
			await vi.waitFor(() => expect(answers.length).toBeGreaterThan(seen));
			expect(answers.at(-1)?.find((h) => h.id === 'h3')).toMatchObject({ head: '改名' });
			expect(answers.at(-1)).toEqual(await db.households.toArray());
		} finally {
			sub.unsubscribe();
		}
	});
});
