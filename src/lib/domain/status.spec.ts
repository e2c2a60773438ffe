import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSchema, type FieldEvent } from './schemas';
import { foldAll, foldDelivery, foldHousehold, statusOf } from './status';
import { visit, voiding } from '$tests/support/events';

const home = { id: 'h1', residents: 3 };

describe('foldHousehold', () => {
	it('is todo with no events', () => {
		expect(foldHousehold(home, [], 'r1').state).toBe('todo');
	});

	it('shows all sampled as done and fewer as partial', () => {
		expect(foldHousehold(home, [visit({ sampled: 3 })], 'r1').state).toBe('done');
		const partial = foldHousehold(home, [visit({ sampled: 2 })], 'r1');
		expect(partial.state).toBe('partial');
		expect(partial.sampled).toBe(2);
	});

	it('ignores other rounds and other households', () => {
		expect(foldHousehold(home, [visit({ roundId: 'r0' }), visit({ householdId: 'h2' })], 'r1').state).toBe('todo');
	});

	it('lets a correction replace the event it corrects, even if the old one ranks higher', () => {
		const wrong = visit({ sampled: 3 });
		const fixed = visit({ outcome: 'refused', sampled: 0, replaces: [wrong.id] });
		expect(foldHousehold(home, [wrong, fixed], 'r1').state).toBe('refused');
	});

	it('undo voids an event, and undoing a correction brings back what it corrected', () => {
		const first = visit({ outcome: 'nobody_home', sampled: 0 });
		const correction = visit({ sampled: 3, replaces: [first.id] });
		expect(foldHousehold(home, [first, correction], 'r1').state).toBe('done');
		expect(foldHousehold(home, [first, correction, voiding(correction)], 'r1').state).toBe('revisit');
		expect(foldHousehold(home, [first, voiding(first)], 'r1').state).toBe('todo');
	});

	it('keeps sampled above a later nobody-home from another volunteer, without calling it a conflict', () => {
		const sampled = visit({ deviceId: 'dev-a', volunteer: 'A', at: '2026-11-23T08:00:00.000Z' });
		const late = visit({
			deviceId: 'dev-b',
			volunteer: 'B',
			outcome: 'nobody_home',
			sampled: 0,
			at: '2026-11-23T09:00:00.000Z'
		});
		const s = foldHousehold(home, [late, sampled], 'r1');
		expect(s.state).toBe('done');
		expect(s.conflicting).toEqual([]);
	});

	it('shows a disagreement between two volunteers instead of hiding it', () => {
		const a = visit({ deviceId: 'dev-a', volunteer: 'A', outcome: 'refused', sampled: 0 });
		const b = visit({ deviceId: 'dev-b', volunteer: 'B', outcome: 'not_living', sampled: 0 });
		const s = foldHousehold(home, [a, b], 'r1');
		expect(s.state).toBe('not_living');
		expect(s.conflicting.map((e) => e.id)).toEqual([a.id]);
	});

	it('gives the same answer for two volunteers recording the same household in either order', () => {
		const a = visit({ deviceId: 'dev-a', volunteer: 'A', sampled: 2, at: '2026-11-23T08:00:00.000Z' });
		const b = visit({ deviceId: 'dev-b', volunteer: 'B', sampled: 3, at: '2026-11-23T08:00:00.000Z' });
		const ab = foldHousehold(home, [a, b], 'r1');
		const ba = foldHousehold(home, [b, a], 'r1');
		expect(ab).toEqual(ba);
		expect(ab.decidedBy?.id).toBe(b.id);
	});

	it('is independent of event order for any set of events (property)', () => {
		const outcomes = ['sampled', 'sampled_elsewhere', 'not_living', 'refused', 'nobody_home'] as const;
		const arbVisit = fc
			.record({
				device: fc.constantFrom('a', 'b', 'c'),
				outcome: fc.constantFrom(...outcomes),
				sampled: fc.integer({ min: 0, max: 3 }),
				minute: fc.integer({ min: 0, max: 5 })
			})
			.map((r) =>
				visit({
					deviceId: `dev-${r.device}`,
					volunteer: r.device,
					outcome: r.outcome,
					sampled: r.outcome === 'sampled' ? r.sampled : 0,
					at: `2026-11-23T08:0${r.minute}:00.000Z`
				})
			);
		fc.assert(
			fc.property(
				fc.array(arbVisit, { maxLength: 8 }),
				fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 4 }),
				fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
				(visits, links, keys) => {
					const events: FieldEvent[] = [...visits];
					links.forEach(([i, isVoid], k) => {
						if (!visits.length) return;
						const target = visits[i % visits.length];
						events.push(isVoid ? voiding(target) : { ...target, id: `c${k}`, replaces: [target.id] });
					});
					const shuffled = events
						.map((e, i) => ({ e, key: keys[i % keys.length] * 100 + i }))
						.sort((x, y) => x.key - y.key)
						.map((x) => x.e);
					const base = foldHousehold(home, events, 'r1');
					expect(foldHousehold(home, [...events].reverse(), 'r1')).toEqual(base);
					expect(foldHousehold(home, shuffled, 'r1')).toEqual(base);
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('statusOf', () => {
	it("answers the fold's status for a household it folded", () => {
		const home = { id: 'h1', residents: 3 };
		const statuses = foldAll(
			[{ ...home, building: '1', unit: '1', floor: 1, room: '101', head: '', phone: '', tags: [], note: '' }],
			[visit({ sampled: 2 })],
			'r1'
		);
		expect(statusOf(statuses, home)).toBe(statuses.get('h1'));
		expect(statusOf(statuses, home).state).toBe('partial');
	});

	it('answers "to visit" with its residents for a household the fold has not seen yet', () => {
		const s = statusOf(new Map(), { id: 'new', residents: 4 });
		expect(s).toMatchObject({ state: 'todo', outcome: null, sampled: 0, residents: 4, decidedBy: null, standing: [] });
		expect(s).toEqual(foldHousehold({ id: 'new', residents: 4 }, [], 'r1'));
	});
});

describe('foldDelivery', () => {
	const outcome = (o: 'delivered' | 'failed', at: string): FieldEvent =>
		eventSchema.parse({
			id: `d-${o}-${at}`,
			type: 'delivery_outcome',
			deviceId: 'dev-a',
			volunteer: 'A',
			at,
			orderId: 'o1',
			outcome: o,
			reason: o === 'failed' ? 'nobody_home' : undefined,
			collectedFen: 0,
			note: ''
		});

	it('is open until an outcome, and a hand-over after a failed try is delivered', () => {
		expect(foldDelivery('o1', []).state).toBe('open');
		const failed = outcome('failed', '2026-11-23T08:00:00.000Z');
		const delivered = outcome('delivered', '2026-11-23T09:00:00.000Z');
		expect(foldDelivery('o1', [failed]).state).toBe('failed');
		expect(foldDelivery('o1', [delivered, failed]).state).toBe('delivered');
		expect(foldDelivery('o1', [failed, delivered]).state).toBe('delivered');
	});
});

describe('eventSchema', () => {
	it('rejects a sampled count above residents and names the field', () => {
		const r = eventSchema.safeParse(visit({ sampled: 4, residents: 3 }));
		expect(r.success).toBe(false);
		expect(r.error?.issues[0].path).toEqual(['sampled']);
	});

	it('accepts the previous schema version and rejects an unknown one', () => {
		expect(eventSchema.safeParse(visit({ v: 0 as 1 })).success).toBe(true);
		expect(eventSchema.safeParse(visit({ v: 7 as 1 })).success).toBe(false);
	});
});
