import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { care } from '$tests/support/care';
import { household } from '$tests/support/events';
import { readCareLedger, settleCareFold } from './care-fold';
import { CARE_TODAY_KEY, keepCareToday, readCareToday, refreshCareToday } from './care-today';
import { openDoorstepDb } from './db';
import { Keyring } from './vault/keyring';
import { setPin } from './vault/vault';

let n = 0;
const HOUR = 3_600_000;
const iso = (h: number) => new Date(Date.parse('2026-11-20T00:00:00Z') + h * HOUR).toISOString();
const p2 = { personId: 'p2', householdId: 'h2' };

/** A phone with a PIN, paired as d1 with p1 and p2, its households on the device, the fold settled. */
async function phone() {
	const keyring = new Keyring();
	const db = openDoorstepDb(`care-today-${++n}`, keyring);
	await setPin(db, keyring, '482913', undefined, 10_000);
	await db.households.bulkPut(['h1', 'h2'].map((id) => household(id, { head: `户主${id}` })));
	await db.events.bulkPut([
		care.person(iso(0)),
		care.person(iso(0), p2),
		care.plan(iso(1)),
		care.pair(iso(1), 'd1'),
		care.pair(iso(1), 'd1', p2)
	]);
	await settleCareFold(db);
	return { db, keyring };
}

describe("the today list's snapshot (one sealed box, shown only while nothing it shows was written)", () => {
	it('opens to the live read it was kept from, sealed at rest, for its own device only', async () => {
		const { db } = await phone();
		const read = await readCareLedger(db, 'd1');
		expect(read.stale).toBe(false);
		expect(await readCareToday(db, 'd1')).toBeUndefined();
		expect(await keepCareToday(db, 'd1', read)).toBe(true);
		expect(await readCareToday(db, 'd1')).toEqual(read);
		expect(await readCareToday(db, 'd2')).toBeUndefined();
		const raw = await new Dexie(db.name).open();
		const stored = await raw.table('meta').get(CARE_TODAY_KEY);
		raw.close();
		expect(JSON.stringify(stored)).not.toContain('张奶奶');
		expect(JSON.stringify(stored)).not.toContain('户主h1');
	});

	it('any commit after it — a check-in, a late event, its settle, a household — makes the live read the answer', async () => {
		const { db } = await phone();
		const writes: (() => Promise<unknown>)[] = [
			() => db.events.put(care.check(iso(2), 'no_answer')),
			() => db.events.put(care.check(iso(1.5), 'well', p2)),
			() => db.households.put(household('h1', { head: '新户主' })),
			// Nothing written: the snapshot stands.
			() => settleCareFold(db)
		];
		for (const write of writes) {
			const read = await readCareLedger(db, 'd1');
			expect(await keepCareToday(db, 'd1', read)).toBe(!read.stale);
			if (read.stale) {
				// The late event's household waits for a rebuild: its settle stales the snapshot too.
				await settleCareFold(db);
				expect(await readCareToday(db, 'd1')).toBeUndefined();
				expect(await keepCareToday(db, 'd1', await readCareLedger(db, 'd1'))).toBe(true);
			}
			await write();
			const after = await readCareToday(db, 'd1');
			if (write === writes[3]) expect(after).toEqual(await readCareLedger(db, 'd1'));
			else expect(after, `write ${writes.indexOf(write)}`).toBeUndefined();
		}
	});

	it('a read kept after a later write is not stored, nor a stale read, nor anything without a PIN', async () => {
		const { db } = await phone();
		const read = await readCareLedger(db, 'd1');
		await db.events.put(care.check(iso(2), 'no_answer'));
		expect(await keepCareToday(db, 'd1', read)).toBe(false);
		expect(await readCareToday(db, 'd1')).toBeUndefined();
		await db.events.put(care.check(iso(1.5), 'well'));
		const late = await readCareLedger(db, 'd1');
		expect(late.stale).toBe(true);
		expect(await keepCareToday(db, 'd1', late)).toBe(false);

		const clear = openDoorstepDb(`care-today-${++n}`, new Keyring());
		await clear.events.bulkPut([care.person(iso(0)), care.pair(iso(1), 'd1')]);
		await settleCareFold(clear);
		expect(await keepCareToday(clear, 'd1', await readCareLedger(clear, 'd1'))).toBe(false);
	});

	it('locked, it does not open', async () => {
		const { db, keyring } = await phone();
		expect(await keepCareToday(db, 'd1', await readCareLedger(db, 'd1'))).toBe(true);
		keyring.lock();
		await expect(readCareToday(db, 'd1')).rejects.toThrow('the app is locked');
	});

	it('a sync that staled it keeps it again, from the live read; a device that keeps none is left with none', async () => {
		const { db } = await phone();
		expect(await refreshCareToday(db, 'd1')).toBe(false);
		expect(await readCareToday(db, 'd1')).toBeUndefined();
		expect(await keepCareToday(db, 'd1', await readCareLedger(db, 'd1'))).toBe(true);
		// Standing: nothing to do.
		expect(await refreshCareToday(db, 'd1')).toBe(false);
		await db.events.put(care.check(iso(2), 'no_answer'));
		expect(await readCareToday(db, 'd1')).toBeUndefined();
		expect(await refreshCareToday(db, 'd2')).toBe(false);
		expect(await refreshCareToday(db, 'd1')).toBe(true);
		expect(await readCareToday(db, 'd1')).toEqual(await readCareLedger(db, 'd1'));
	});
});
