import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { care } from '$tests/support/care';
import { household } from '$tests/support/events';
import { foldCare, type CareEvent } from '$lib/domain/care/fold';
import { CHECK_RESULTS } from '$lib/domain/care/constants';
import { foldRows } from '$lib/domain/care/fold-rows';
import { FOLD_VERSION_KEY, readCareLedger, settleCareFold } from './care-fold';
import { openDoorstepDb } from './db';
import { Keyring } from './vault/keyring';
import { setPin } from './vault/vault';

let n = 0;
const fresh = (keyring = new Keyring()) => openDoorstepDb(`care-fold-${++n}`, keyring);
const HOUR = 3_600_000;
const iso = (h: number) => new Date(Date.parse('2026-11-20T00:00:00Z') + h * HOUR).toISOString();

async function ledger(db: ReturnType<typeof fresh>) {
	const { rows } = await readCareLedger(db);
	return new Map(rows.map((r) => [r.personId, r.state]));
}

describe('the care fold kept in IndexedDB (real Dexie over fake-indexeddb)', () => {
	it('folds a check-in on top in the same transaction as its event, and reads rows, not events', async () => {
		const db = fresh();
		await db.events.bulkPut([care.person(iso(0)), care.plan(iso(1))]);
		await settleCareFold(db);
		expect(await db.careDirty.count()).toBe(0);
		await db.events.put(care.check(iso(2), 'no_answer'));
		await db.events.put(care.check(iso(3), 'no_answer'));
		// Folded on top: nothing waits for a rebuild, and the stored row holds the two misses.
		expect(await db.careDirty.count()).toBe(0);
		expect((await db.careFold.get('p1'))?.state).toMatchObject({ misses: 2, raised: true });
		// A resync deletes the copy and writes it again in one transaction: nothing to rebuild.
		await db.transaction('rw', db.events, async () => {
			const kept = await db.events.toArray();
			await db.events.bulkDelete(kept.map((k) => k.id));
			await db.events.bulkPut(kept);
		});
		expect(await db.careDirty.count()).toBe(0);
		// A late check-in marks the household; the read rebuilds it exactly.
		await db.events.put(care.check(iso(2.5), 'well'));
		expect(await db.careDirty.toCollection().primaryKeys()).toEqual(['h1']);
		expect(await ledger(db)).toEqual(foldCare(await db.events.toArray()));
	});

	it('a phone reads only the rows of its own pairs, rebuilt ones included', async () => {
		const db = fresh();
		const p2 = { personId: 'p2', householdId: 'h2' };
		await db.events.bulkPut([care.person(iso(0)), care.person(iso(0), p2), care.pair(iso(1), 'd1')]);
		await settleCareFold(db);
		await db.events.put(care.pair(iso(2), 'd2', p2));
		expect((await readCareLedger(db, 'd1')).rows.map((r) => r.personId)).toEqual(['p1']);
		// A late pairing marks p2's household; the rebuilt row is filtered by its pair too.
		await db.events.put(care.pair(iso(1.5), 'd1', p2));
		expect(await db.careDirty.count()).toBe(1);
		expect((await readCareLedger(db, 'd1')).rows.map((r) => r.personId)).toEqual(['p1']);
		expect((await readCareLedger(db, 'd2')).rows.map((r) => r.personId)).toEqual(['p2']);
		expect((await readCareLedger(db)).rows).toHaveLength(2);
	});

	it('a write that aborts leaves neither the event nor the fold changed', async () => {
		const db = fresh();
		await db.events.bulkPut([care.person(iso(0)), care.plan(iso(1))]);
		await settleCareFold(db);
		const before = await db.careFold.get('p1');
		await expect(
			db.transaction('rw', db.events, async () => {
				await db.events.put(care.check(iso(2), 'no_answer'));
				throw new Error('the phone died');
			})
		).rejects.toThrow('the phone died');
		expect(await db.careFold.get('p1')).toEqual(before);
		expect(await db.events.count()).toBe(2);
	});

	it('any writes and deletes, as sync makes them, read as a full fold of the stored events', async () => {
		const spec = fc.record({
			kind: fc.constantFrom('person', 'pair', 'plan', 'check', 'check'),
			person: fc.nat({ max: 2 }),
			hour: fc.nat({ max: 40 }),
			result: fc.constantFrom(...CHECK_RESULTS)
		});
		const op = fc.record({
			op: fc.constantFrom('put', 'put', 'bulk', 'receipt', 'delete', 'settle', 'resync'),
			i: fc.nat(),
			shift: fc.integer({ min: -20, max: 5 })
		});
		await fc.assert(
			fc.asyncProperty(
				fc.array(spec, { minLength: 1, maxLength: 15 }),
				fc.array(op, { maxLength: 25 }),
				async (specs, ops) => {
					const events: CareEvent[] = specs.map((s) => {
						const about = { personId: `p${s.person}`, householdId: `h${s.person % 2}` };
						const at = iso(s.hour);
						if (s.kind === 'person') return care.person(at, about);
						if (s.kind === 'pair') return care.pair(at, s.hour % 2 ? 'd1' : null, about);
						if (s.kind === 'plan') return care.plan(at, {}, about);
						return care.check(at, s.result, about);
					});
					const db = fresh();
					// A new database waits for its first build; built (empty), every write is tracked.
					await settleCareFold(db);
					for (const { op, i, shift } of ops) {
						const e = events[i % events.length];
						if (op === 'put') await db.events.put(e);
						if (op === 'bulk') await db.events.bulkPut(events.slice(i % events.length));
						if (op === 'receipt')
							await db.events.put({
								...e,
								receivedAt: iso(Math.max(0, (Date.parse(e.at) - Date.parse(iso(0))) / HOUR + shift))
							});
						if (op === 'delete') await db.events.delete(e.id);
						if (op === 'settle') await settleCareFold(db);
						// A resync: everything goes and comes back in one transaction.
						if (op === 'resync')
							await db.transaction('rw', db.events, async () => {
								const kept = await db.events.toArray();
								await db.events.bulkDelete(kept.map((k) => k.id));
								await db.events.bulkPut(kept);
							});
					}
					expect(await ledger(db)).toEqual(foldCare(await db.events.toArray()));
					await settleCareFold(db);
					expect(await db.careDirty.count()).toBe(0);
					expect(await ledger(db)).toEqual(foldCare(await db.events.toArray()));
					db.close();
				}
			),
			{ numRuns: 40 }
		);
	});

	it('keeps the rows sealed, and a delete while locked rebuilds everything at the next read', async () => {
		const keyring = new Keyring();
		const db = fresh(keyring);
		await setPin(db, keyring, '482913', undefined, 10_000);
		await db.events.bulkPut([care.person(iso(0)), care.plan(iso(1)), care.check(iso(2), 'well')]);
		await settleCareFold(db);
		const raw = await new Dexie(db.name).open();
		const stored = await raw.table('careFold').toArray();
		raw.close();
		expect(stored).toHaveLength(1);
		expect(JSON.stringify(stored)).not.toContain('张奶奶');
		const [check] = await db.events.where('type').equals('care_check').primaryKeys();
		keyring.lock();
		await db.events.delete(check);
		expect(await db.careDirty.toCollection().primaryKeys()).toEqual(['*']);
	});

	it('a phone opens its sealed rows after the read, in one batch, to the rows the lead reads one by one', async () => {
		const keyring = new Keyring();
		const db = fresh(keyring);
		await setPin(db, keyring, '482913', undefined, 10_000);
		const p2 = { personId: 'p2', householdId: 'h2' };
		const p3 = { personId: 'p3', householdId: 'h3' };
		await db.events.bulkPut([
			...[{}, p2, p3].map((p) => care.person(iso(0), p)),
			care.pair(iso(1), 'd1'),
			care.pair(iso(1), 'd1', p2),
			care.pair(iso(1), 'd2', p3),
			care.check(iso(2), 'no_answer'),
			care.correct(iso(3), { dialect: '上海话' }, p2)
		]);
		await settleCareFold(db);
		// Inside a transaction that asked for it, the phone's rows come back as stored: sealed.
		const stored = await db.transaction('r', db.careFold, async () => {
			db.keyring.openLater(Dexie.currentTransaction.idbtrans, 'careFold');
			return db.careFold.where('paired').equals('d1').toArray();
		});
		expect(stored.map((r) => Object.keys(r).sort())).toEqual(
			Array(2).fill(['householdId', 'paired', 'personId', 'sealed'])
		);
		// Any other transaction still opens them one by one.
		expect((await db.careFold.where('paired').equals('d1').toArray())[0]).toHaveProperty('state');
		const mine = (await readCareLedger(db, 'd1')).rows;
		const all = (await readCareLedger(db)).rows;
		expect(mine).toEqual(all.filter((r) => r.paired === 'd1'));
		expect(new Map(mine.map((r) => [r.personId, r.state]))).toEqual(
			new Map([...foldCare(await db.events.toArray())].filter(([id]) => id !== 'p3'))
		);
		// Locked, nothing opens.
		keyring.lock();
		await expect(readCareLedger(db, 'd1')).rejects.toThrow('the app is locked');
	});

	it("a phone reads its pairs' households with their rows, opened in the same batch, and no other household", async () => {
		const keyring = new Keyring();
		const db = fresh(keyring);
		await setPin(db, keyring, '482913', undefined, 10_000);
		const p2 = { personId: 'p2', householdId: 'h2' };
		const p3 = { personId: 'p3', householdId: 'h3' };
		// h3 (another volunteer's pair) and h4 (nobody's) are on the device; h2 is not.
		await db.households.bulkPut(['h1', 'h3', 'h4'].map((id) => household(id, { head: `户主${id}` })));
		await db.events.bulkPut([
			...[{}, p2, p3].map((p) => care.person(iso(0), p)),
			care.pair(iso(1), 'd1'),
			care.pair(iso(1), 'd1', p2),
			care.pair(iso(1), 'd2', p3)
		]);
		await settleCareFold(db);
		const read = await readCareLedger(db, 'd1');
		expect(read.households).toEqual([await db.households.get('h1')]);
		expect(read.households?.[0]).toMatchObject({ head: '户主h1' });
		// A household marked for a rebuild still brings its door.
		await db.events.put(care.pair(iso(0.5), 'd2'));
		expect(await db.careDirty.count()).toBe(1);
		expect((await readCareLedger(db, 'd1')).households?.map((h) => h.id)).toEqual(['h1']);
		// The lead's ledger reads the roster itself (careData): no households here.
		expect((await readCareLedger(db)).households).toBeUndefined();
	});

	it('rows a version-1 device stored (a setter under every field) are rebuilt in the packed form', async () => {
		const db = fresh();
		const events = [care.person(iso(0)), care.plan(iso(1)), care.check(iso(2), 'no_answer')];
		await db.events.bulkPut(events);
		await settleCareFold(db);
		// What the previous version left: its rows unpacked (and here one stale on purpose), its version.
		const old = foldRows(events).map((r) => ({ ...r, state: { ...r.state, misses: 99 }, v: 1 }));
		await db.transaction('rw', db.careFold, db.meta, async () => {
			await db.careFold.clear();
			await db.careFold.bulkPut(old as never);
			await db.meta.put({ key: FOLD_VERSION_KEY, value: 1 });
		});
		// A check-in on top of an old row cannot be folded into it: its household waits for a rebuild.
		await db.events.put(care.check(iso(3), 'no_answer'));
		const read = await readCareLedger(db);
		expect(read.stale).toBe(true);
		expect(await ledger(db)).toEqual(foldCare(await db.events.toArray()));
		await settleCareFold(db);
		expect((await db.meta.get(FOLD_VERSION_KEY))?.value).toBe(2);
		const [stored] = await db.careFold.toArray();
		expect(stored).toMatchObject({ v: 2, setters: [{ id: events[0].id }], state: { misses: 2 } });
		expect(stored.state).not.toHaveProperty('setBy');
		expect(await ledger(db)).toEqual(foldCare(await db.events.toArray()));
		// And the packed rows step on: a later check-in folds on top, with no rebuild.
		await db.events.put(care.check(iso(4), 'well'));
		expect(await db.careDirty.count()).toBe(0);
		expect(await ledger(db)).toEqual(foldCare(await db.events.toArray()));
	});

	it('runs one settle at a time: calls while one runs join a single one queued behind it', async () => {
		const db = fresh();
		// Counts the settles' transactions where IndexedDB sees them (read-write over `meta` and the
		// fold's tables), and how many are open at once.
		let settles = 0;
		let open = 0;
		let most = 0;
		db.use({
			stack: 'dbcore',
			name: 'count-settles',
			level: 0,
			create: (down) => ({
				...down,
				transaction(stores, mode, options) {
					const tx = down.transaction(stores, mode, options);
					if (mode === 'readwrite' && stores.includes('meta') && stores.includes('careDirty')) {
						settles++;
						most = Math.max(most, ++open);
						const done = () => open--;
						(tx as IDBTransaction).addEventListener('complete', done);
						(tx as IDBTransaction).addEventListener('abort', done);
					}
					return tx;
				}
			})
		});
		const p2 = { personId: 'p2', householdId: 'h2' };
		await db.events.bulkPut([care.person(iso(0)), care.person(iso(0), p2)]);
		// As live-query answers ask, one after another while the first runs. (A write of events
		// holds the same tables now, `meta` for the today list's stamp: only the settles are counted.)
		settles = most = 0;
		await Promise.all(Array.from({ length: 6 }, () => settleCareFold(db)));
		expect({ settles, most }).toEqual({ settles: 2, most: 1 });
		expect(await db.careDirty.count()).toBe(0);
		expect(await ledger(db)).toEqual(foldCare(await db.events.toArray()));
		// Once they are done, the next call settles afresh (a mark made since is not missed).
		await db.events.put(care.check(iso(-1), 'well', p2));
		expect(await db.careDirty.toCollection().primaryKeys()).toEqual(['h2']);
		settles = 0;
		await settleCareFold(db);
		expect(settles).toBe(1);
		expect(await db.careDirty.count()).toBe(0);
		expect(await ledger(db)).toEqual(foldCare(await db.events.toArray()));
	});
});
