import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { care } from '$tests/support/care';
import { CHECK_RESULTS } from './constants';
import { foldCare, isCareEvent, type CareEvent } from './fold';
import { CARE_FOLD_VERSION, foldRows, packRow, stepFold, unpackRow, type CareFoldRow } from './fold-rows';
import type { FieldEvent } from '../schemas';

/**
 * A model of the device's store: the events, the persisted rows and the households waiting for a
 * rebuild, driven by the same rules as the IndexedDB middleware (care-fold.ts): every write
 * steps the row or marks the household, every delete marks it, and a read rebuilds the marked
 * households from their events.
 */
class Store {
	events = new Map<string, FieldEvent>();
	rows = new Map<string, CareFoldRow>();
	dirty = new Set<string>();

	put(e: CareEvent) {
		const before = this.events.get(e.id);
		this.events.set(e.id, e);
		if (this.dirty.has(e.householdId)) return;
		const step = stepFold(this.rows.get(e.personId), e, before);
		if (step.kind === 'row') this.rows.set(step.row.personId, step.row);
		if (step.kind === 'rebuild') this.dirty.add(step.householdId);
	}

	delete(id: string) {
		const e = this.events.get(id);
		if (!e) return;
		this.events.delete(id);
		if (isCareEvent(e)) this.dirty.add(e.householdId);
	}

	settle() {
		for (const h of this.dirty) {
			for (const [id, r] of this.rows) if (r.householdId === h) this.rows.delete(id);
			const events = [...this.events.values()].filter((e) => isCareEvent(e) && e.householdId === h);
			for (const r of foldRows(events)) this.rows.set(r.personId, r);
		}
		this.dirty.clear();
	}

	ledger() {
		this.settle();
		return new Map([...this.rows].map(([id, r]) => [id, r.state]));
	}
}

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T00:00:00Z');
const iso = (h: number) => new Date(T0 + h * HOUR).toISOString();

const specArb = fc.record({
	kind: fc.constantFrom('person', 'correct', 'pair', 'plan', 'check', 'check', 'check'),
	person: fc.nat({ max: 3 }),
	hour: fc.nat({ max: 60 }),
	roster: fc.boolean(),
	result: fc.constantFrom(...CHECK_RESULTS),
	dev: fc.constantFrom('d1', 'd2', null)
});
type Spec = typeof specArb extends fc.Arbitrary<infer S> ? S : never;

function eventOf(s: Spec): CareEvent {
	const about = { personId: `p${s.person}`, householdId: `h${s.person % 2}` };
	const at = iso(s.hour);
	switch (s.kind) {
		case 'person':
			return care.person(at, { ...about, ...(s.roster ? { fromRoster: true } : {}) });
		case 'correct':
			return care.correct(at, { dialect: `d${s.hour}`, mobility: s.roster ? 'bedridden' : 'walks' }, about);
		case 'pair':
			return care.pair(at, s.dev, about);
		case 'plan':
			return care.plan(at, { visitEveryDays: s.roster ? 3 : null }, about);
		default:
			return care.check(at, s.result, about);
	}
}

const opArb = fc.record({
	op: fc.constantFrom('put', 'put', 'put', 'again', 'receipt', 'delete', 'settle'),
	i: fc.nat(),
	shift: fc.integer({ min: -30, max: 30 })
});

describe('the persisted care fold', () => {
	it('equals a full fold of the stored events after any writes, in any order, with duplicates, late arrivals, receipts and deletes', () => {
		fc.assert(
			fc.property(
				fc.array(specArb, { minLength: 1, maxLength: 30 }),
				fc.array(opArb, { maxLength: 80 }),
				(specs, ops) => {
					const events = specs.map(eventOf);
					const store = new Store();
					for (const { op, i, shift } of ops) {
						const e = events[i % events.length];
						if (op === 'put' || op === 'again') store.put(e);
						// The server's copy comes back with its receipt time, which may cap the effective time.
						if (op === 'receipt')
							store.put({ ...e, receivedAt: iso(Math.max(0, Date.parse(e.at) / HOUR - T0 / HOUR + shift)) });
						if (op === 'delete') store.delete(e.id);
						if (op === 'settle') expect(store.ledger()).toEqual(foldCare([...store.events.values()]));
					}
					// Then everything arrives, in reverse order, some twice.
					for (const e of [...events].reverse()) store.put(e);
					for (const e of events.slice(0, 3)) store.put(e);
					expect(store.ledger()).toEqual(foldCare([...store.events.values()]));
				}
			),
			{ numRuns: 300 }
		);
	});

	it('folds a later check-in on top without a rebuild', () => {
		const store = new Store();
		store.put(care.person(iso(0)));
		store.put(care.plan(iso(1)));
		store.settle();
		store.put(care.check(iso(2), 'no_answer'));
		store.put(care.check(iso(3), 'no_answer'));
		expect(store.dirty.size).toBe(0);
		expect(store.rows.get('p1')?.state).toMatchObject({ misses: 2, raised: true });
		// A check-in from before the last one the row holds cannot go on top.
		store.put(care.check(iso(1.5), 'well'));
		expect([...store.dirty]).toEqual(['h1']);
		expect(store.ledger().get('p1')).toMatchObject({ misses: 2, raised: true, lastContact: { day: '2026-11-20' } });
	});

	it('stores each setter once, and reads back the very rows it stored', () => {
		fc.assert(
			fc.property(fc.array(specArb, { minLength: 1, maxLength: 30 }), (specs) => {
				const rows = foldRows(specs.map(eventOf));
				for (const row of rows) {
					const stored = packRow(row);
					expect(unpackRow(structuredClone(stored))).toEqual(row);
					expect(new Set(stored.setters.map((s) => s.id)).size).toBe(stored.setters.length);
					expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(row).length);
				}
			}),
			{ numRuns: 200 }
		);
	});

	it('reads a row of another version back as stored, so its next step rebuilds it', () => {
		const [row] = foldRows([care.person(iso(0))]);
		const old = { ...row, v: CARE_FOLD_VERSION - 1 };
		expect(unpackRow(old as never)).toBe(old);
		expect(stepFold(unpackRow(old as never), care.check(iso(1), 'well'), undefined)).toEqual({
			kind: 'rebuild',
			householdId: 'h1'
		});
	});
});
