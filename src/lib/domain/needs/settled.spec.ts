import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NeedEvent } from '../schemas';
import { foldNeeds } from './fold';
import { settledEventIds } from './settled';
import { created, done, needEvent } from '$tests/support/needs';

const lead = { deviceId: 'dev-lead', volunteer: '队长' };
const a = { deviceId: 'dev-a', volunteer: '张三' };
const b = { deviceId: 'dev-b', volunteer: '李四' };
const rcv = (e: NeedEvent, t: number): NeedEvent => ({
	...e,
	receivedAt: `2026-11-23T10:${String(t).padStart(2, '0')}:00.000Z`
});
const settled = (events: NeedEvent[]) => settledEventIds(foldNeeds(events), events);

describe('settledEventIds: requests that can never open again', () => {
	it('a request done or cancelled with every event received is settled; open or unsent ones are not', () => {
		const D = { needId: 'done', householdId: 'h1' };
		const C = { needId: 'cancelled', householdId: 'h1' };
		const O = { needId: 'open', householdId: 'h1' };
		const U = { needId: 'unsent', householdId: 'h1' };
		const X = { needId: 'overruled', householdId: 'h1' };
		const events = [
			rcv(created(lead, D), 1),
			rcv(needEvent('need_dispatched', lead, D, { to: { deviceId: 'dev-a', name: '张三' } }), 2),
			rcv(done(a, D), 3),
			rcv(created(lead, C), 4),
			rcv(needEvent('need_cancelled', lead, C, { note: '' }), 5),
			rcv(created(lead, O), 6),
			rcv(needEvent('need_dispatched', lead, O, { to: null }), 7),
			rcv(created(lead, U), 8),
			needEvent('need_cancelled', lead, U, { note: '' }),
			// Done by someone who never held it: overruled, the request stays open.
			rcv(created(lead, X), 9),
			rcv(needEvent('need_dispatched', lead, X, { to: { deviceId: 'dev-a', name: '张三' } }), 10),
			rcv(done(b, X), 11)
		];
		const ids = settled(events);
		const of = (needId: string) => events.filter((e) => e.needId === needId).map((e) => e.id);
		expect(ids.sort()).toEqual([...of('done'), ...of('cancelled')].sort());
	});

	it('leaving out the settled events never changes an open request, whatever is received after', () => {
		// Property: fold everything; drop the settled requests' events and add later-received
		// events of any kind for every request; the open requests fold exactly as with everything.
		const N = ['n1', 'n2', 'n3'].map((needId) => ({ needId, householdId: 'h1' }));
		const who = fc.constantFrom(lead, a, b);
		const step = fc.tuple(fc.integer({ min: 0, max: 2 }), who, fc.integer({ min: 0, max: 5 }));
		const make = ([i, w, k]: [number, typeof lead, number]): NeedEvent => {
			const n = N[i];
			switch (k) {
				case 0:
					return needEvent('need_dispatched', w, n, { to: { deviceId: 'dev-a', name: '张三' } });
				case 1:
					return needEvent('need_dispatched', w, n, { to: null });
				case 2:
					return needEvent('need_claimed', w, n, {});
				case 3:
					return done(w, n);
				case 4:
					return needEvent('need_cancelled', w, n, { note: '' });
				default:
					return needEvent('need_on_the_way', w, n, {});
			}
		};
		fc.assert(
			fc.property(fc.array(step, { maxLength: 12 }), fc.array(step, { maxLength: 8 }), (first, later) => {
				let t = 0;
				const before = [...N.map((n) => rcv(created(lead, n), t++)), ...first.map((s) => rcv(make(s), t++))];
				const skip = new Set(settled(before));
				const after = later.map((s) => rcv(make(s), t++));
				const full = foldNeeds([...before, ...after]);
				const partial = foldNeeds([...before.filter((e) => !skip.has(e.id)), ...after]);
				for (const [id, n] of full) {
					if (n.state === 'done' || n.state === 'cancelled') continue;
					expect(partial.get(id)).toEqual(n);
				}
				// And every settled request is still closed with everything.
				for (const e of before) if (skip.has(e.id)) expect(['done', 'cancelled']).toContain(full.get(e.needId)!.state);
			})
		);
	});
});
