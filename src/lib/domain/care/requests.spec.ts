import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { care } from '$tests/support/care';
import { foldCare } from './fold';
import { derivedId, needIdOfCheck, refillIds, refillKind, refillsToRequest, requestNote } from './requests';
import { todayList } from './today';

const sh = (day: string, hm = '09:00') => new Date(Date.parse(`${day}T${hm}:00+08:00`)).toISOString();
const at = { personId: 'p1', householdId: 'h1' };
const base = [
	care.person(sh('2026-11-01'), at),
	care.pair(sh('2026-11-01'), 'me', at),
	care.plan(sh('2026-11-01'), { callDaily: false, refillEveryDays: 30, refillFrom: '2026-11-10' }, at)
];
const everyHousehold = () => true;

describe('derived ids', () => {
	it('are UUID-shaped, the same for the same seed on every call, and differ by person and day', () => {
		const a = refillIds('p1', '2026-11-10');
		expect(refillIds('p1', '2026-11-10')).toEqual(a);
		for (const id of Object.values(a))
			expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(new Set(Object.values(a)).size).toBe(3);
		expect(refillIds('p1', '2026-11-11').needId).not.toBe(a.needId);
		expect(refillIds('p2', '2026-11-10').needId).not.toBe(a.needId);
		expect(needIdOfCheck('c1')).not.toBe(needIdOfCheck('c2'));
		// The person's id and the day never show in the id (it is stored in the clear).
		expect(a.needId).not.toContain('p1');
	});

	it('do not collide over many seeds', () => {
		fc.assert(
			fc.property(fc.uniqueArray(fc.string({ maxLength: 40 }), { minLength: 2, maxLength: 200 }), (seeds) => {
				expect(new Set(seeds.map(derivedId)).size).toBe(seeds.length);
			})
		);
	});
});

describe('refills to the needs desk', () => {
	it('only the paired device, only when due, only where it knows the door', () => {
		const states = foldCare(base);
		expect(refillsToRequest(states.values(), 'me', '2026-11-09', [], everyHousehold)).toEqual([]);
		expect(refillsToRequest(states.values(), 'me', '2026-11-12', [], everyHousehold)).toEqual([
			{ personId: 'p1', householdId: 'h1', due: '2026-11-10' }
		]);
		expect(refillsToRequest(states.values(), 'other', '2026-11-12', [], everyHousehold)).toEqual([]);
		expect(refillsToRequest(states.values(), 'me', '2026-11-12', [], () => false)).toEqual([]);
	});

	it('a refill handed over is no contact, leaves the list, and the next one is due N days on', () => {
		const ids = refillIds('p1', '2026-11-10');
		const handed = foldCare([
			...base,
			care.check(sh('2026-11-10', '08:00'), 'no_answer', at),
			care.check(sh('2026-11-10'), 'requested', { ...at, id: ids.checkEventId, duty: 'refill', needId: ids.needId })
		]);
		const s = handed.get('p1')!;
		expect(s.lastContact).toBeNull();
		expect(s.misses).toBe(1);
		expect(s.checks).toBe(1);
		expect(refillsToRequest(handed.values(), 'me', '2026-11-10', [], everyHousehold)).toEqual([]);
		expect(refillsToRequest(handed.values(), 'me', '2026-12-10', [], everyHousehold)).toEqual([
			{ personId: 'p1', householdId: 'h1', due: '2026-12-10' }
		]);
		expect(todayList(handed.values(), 'me', '2026-11-11', [], everyHousehold)).toEqual([]);
	});

	it('stays a task on the today list where no request can be made', () => {
		const states = foldCare(base);
		expect(todayList(states.values(), 'me', '2026-11-12', [], () => false).map((i) => [i.kind, i.overdue])).toEqual([
			['refill', 2]
		]);
		expect(todayList(states.values(), 'me', '2026-11-12', [], everyHousehold)).toEqual([]);
	});

	it('asks for 特病药 for the chronically ill and 买药 for anyone else, naming the person', () => {
		const s = foldCare(base).get('p1')!;
		expect(refillKind(s)).toBe('medicine');
		expect(refillKind({ ...s, person: { ...s.person, categories: ['慢性病'] } })).toBe('special_medicine');
		expect(requestNote('张奶奶', '')).toBe('张奶奶');
		expect(requestNote('张奶奶', ' 降压药 ')).toBe('张奶奶:降压药');
	});
});

describe('needs something', () => {
	const plan = care.plan(sh('2026-11-01'), {}, at);
	it('a need that became a request leaves the today list; one without a request stays a follow-up', () => {
		const asked = foldCare([...base, plan, care.check(sh('2026-11-12'), 'needs', { ...at, needId: 'n1' })]);
		expect(asked.get('p1')!.needs).toBe(false);
		expect(asked.get('p1')!.lastContact?.result).toBe('needs');
		expect(todayList(asked.values(), 'me', '2026-11-12', [], everyHousehold).map((i) => i.kind)).toEqual([]);
		const kept = foldCare([...base, plan, care.check(sh('2026-11-12'), 'needs', at)]);
		expect(todayList(kept.values(), 'me', '2026-11-12', [], () => false).map((i) => i.kind)).toEqual(['needs']);
	});
});
