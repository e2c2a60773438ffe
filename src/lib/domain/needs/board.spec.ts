import { describe, expect, it } from 'vitest';
import type { NeedEvent } from '../schemas';
import { created, needEvent } from '$tests/support/needs';
import { boardOrder, dueAt, feedbackByVolunteer, isOverdue, lostTo, myTasks } from './board';
import { foldNeeds, type Need } from './fold';
import { DEFAULT_PROMISES } from './kinds';

const lead = { deviceId: 'dev-lead', volunteer: '队长' };
const a = { deviceId: 'dev-a', volunteer: '张三' };
const T = (m: number) => `2026-11-23T08:${String(m).padStart(2, '0')}:00.000Z`;

function needs(
	...specs: {
		id: string;
		over?: Partial<NeedEvent>;
		then?: (n: { needId: string; householdId: string }) => NeedEvent[];
	}[]
): Need[] {
	const events = specs.flatMap((s) => {
		const ref = { needId: s.id, householdId: 'h1' };
		return [created(lead, ref, { receivedAt: T(0), ...s.over }), ...(s.then?.(ref) ?? [])];
	});
	return [...foldNeeds(events).values()];
}

describe('promised times and the board', () => {
	it('medicine is promised a response within 10 minutes and done within the hour', () => {
		const [n] = needs({
			id: 'm',
			over: { kind: 'medicine', urgency: 'medicine', askedAt: T(0) } as Partial<NeedEvent>
		});
		expect(dueAt(n)).toBe(Date.parse(T(10)));
		expect(isOverdue(n, Date.parse(T(11)))).toBe(true);
		expect(isOverdue(n, Date.parse(T(9)))).toBe(false);
		expect(dueAt(n, { ...DEFAULT_PROMISES, medicine: { respond: 5, complete: 30 } })).toBe(Date.parse(T(5)));
	});

	it('overdue first, then medicine and infant needs, then the oldest', () => {
		const list = needs(
			{ id: 'old-shopping', over: { askedAt: T(0) } as Partial<NeedEvent> },
			{ id: 'new-infant', over: { kind: 'infant', urgency: 'infant', askedAt: T(50) } as Partial<NeedEvent> },
			{ id: 'new-shopping', over: { askedAt: T(55) } as Partial<NeedEvent> },
			{ id: 'closed', then: (r) => [needEvent('need_cancelled', lead, r, { note: '' }, { receivedAt: T(1) })] }
		);
		// At 08:59 the old shopping request is past its 30 minutes; the infant one (08:50 + 10) is not.
		expect(boardOrder(list, Date.parse(T(59))).map((n) => n.id)).toEqual([
			'old-shopping',
			'new-infant',
			'new-shopping'
		]);
	});

	it("a volunteer's tasks: theirs by urgency, then the pool; a lost claim says who has it", () => {
		const list = needs(
			{
				id: 'mine',
				then: (r) => [
					needEvent('need_dispatched', lead, r, { to: { deviceId: 'dev-a', name: '张三' } }, { receivedAt: T(1) })
				]
			},
			{
				id: 'pool-med',
				over: { kind: 'medicine', urgency: 'medicine' } as Partial<NeedEvent>,
				then: (r) => [needEvent('need_dispatched', lead, r, { to: null }, { receivedAt: T(1) })]
			},
			{
				id: 'lost',
				then: (r) => [
					needEvent('need_dispatched', lead, r, { to: null }, { receivedAt: T(1) }),
					needEvent('need_claimed', { deviceId: 'dev-b', volunteer: '李四' }, r, {}, { receivedAt: T(2) }),
					needEvent('need_claimed', a, r, {}, { receivedAt: T(3) })
				]
			}
		);
		const { mine, pool } = myTasks(list, 'dev-a');
		expect(mine.map((n) => n.id)).toEqual(['mine']);
		expect(pool.map((n) => n.id)).toEqual(['pool-med']);
		expect(lostTo(list, 'dev-a')).toEqual([{ need: expect.objectContaining({ id: 'lost' }), heldBy: '李四' }]);
	});

	it('feedback per volunteer: done count and ratings', () => {
		const done = (id: string, who: { deviceId: string; volunteer: string }, feedback: string | null) => ({
			id,
			then: (r: { needId: string; householdId: string }) => [
				needEvent(
					'need_dispatched',
					lead,
					r,
					{ to: { deviceId: who.deviceId, name: who.volunteer } },
					{ receivedAt: T(1) }
				),
				needEvent(
					'need_done',
					who,
					r,
					{ items: [], collectedFen: 0, feedback: feedback as never, note: '' },
					{ receivedAt: T(2) }
				)
			]
		});
		const b = { deviceId: 'dev-b', volunteer: '李四' };
		const list = needs(done('1', a, 'good'), done('2', a, 'bad'), done('3', b, null), { id: '4' });
		expect(feedbackByVolunteer(list)).toEqual([
			{ name: '张三', done: 2, good: 1, ok: 0, bad: 1 },
			{ name: '李四', done: 1, good: 0, ok: 0, bad: 0 }
		]);
	});
});
