import { describe, expect, it } from 'vitest';
import { order, outcome } from '$tests/support/events';
import { created } from '$tests/support/needs';
import { foldNeeds } from './fold';
import { allNeeds, legacyKind, legacyNeed } from './legacy';

describe('delivery orders read as requests', () => {
	it('each order becomes a request of the matching kind', () => {
		expect(legacyKind(order('o', 'h', { urgency: 'medicine' }))).toBe('medicine');
		expect(legacyKind(order('o', 'h', { urgency: 'infant', purchase: true }))).toBe('infant');
		expect(legacyKind(order('o', 'h', { purchase: true }))).toBe('shopping');
		expect(legacyKind(order('o', 'h'))).toBe('other');
	});

	it('keeps every outcome: open is in the pool, delivered is done with its money, failed is not done with its reason', () => {
		const o = order('o1', 'h1', { purchase: true, items: ['大米'] });
		expect(legacyNeed(o, [])).toMatchObject({ state: 'pool', kind: 'shopping', items: ['大米'], legacy: true });
		const paid = outcome('o1', { collectedFen: 3200, volunteer: '王五' });
		expect(legacyNeed(o, [paid])).toMatchObject({ state: 'done', done: { collectedFen: 3200, by: '王五' } });
		const failed = outcome('o1', { outcome: 'failed', reason: 'wrong_items' });
		expect(legacyNeed(o, [failed])).toMatchObject({ state: 'not_done', notDone: { reason: 'unavailable' } });
		// A hand-over after a failed try is a hand-over, as before.
		expect(legacyNeed(o, [failed, paid]).state).toBe('done');
	});

	it('lists old orders beside the new requests, each once', () => {
		const e = created({ deviceId: 'd', volunteer: 'A' }, { needId: 'need-1', householdId: 'h1' });
		const list = allNeeds([order('o1', 'h1'), order('o2', 'h2')], foldNeeds([e]), []);
		expect(list.map((n) => n.id).sort()).toEqual(['need-1', 'o1', 'o2']);
	});
});
