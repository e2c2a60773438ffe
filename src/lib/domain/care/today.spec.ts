import { describe, expect, it } from 'vitest';
import type { Household } from '../schemas';
import { care, PERSON } from '$tests/support/care';
import { foldCare } from './fold';
import { categoryCounts, filterLedger, ledgerRows, missedByVolunteer, NO_FILTER } from './ledger';
import { todayList } from './today';

const sh = (day: string, hm = '09:00') => new Date(Date.parse(`${day}T${hm}:00+08:00`)).toISOString();
const who = (id: string, hh: string, name: string, categories: string[]) => [
	care.person(sh('2026-11-01'), { personId: id, householdId: hh, person: { ...PERSON, name, categories } })
];

const events = [
	...who('p1', 'h1', '张奶奶', ['独居老人']),
	...who('p2', 'h2', '李阿姨', ['孕妇']),
	...who('p3', 'h3', '王大爷', ['独居老人', '慢性病']),
	care.pair(sh('2026-11-02'), 'me', { personId: 'p1', householdId: 'h1' }),
	care.pair(sh('2026-11-02'), 'me', { personId: 'p2', householdId: 'h2' }),
	care.pair(sh('2026-11-02'), 'other', { personId: 'p3', householdId: 'h3' }),
	care.plan(sh('2026-11-20'), {}, { personId: 'p1', householdId: 'h1' }),
	care.plan(sh('2026-11-20'), { callDaily: false, refillEveryDays: 30 }, { personId: 'p2', householdId: 'h2' }),
	care.plan(sh('2026-11-20'), {}, { personId: 'p3', householdId: 'h3' }),
	care.check(sh('2026-11-22'), 'well', { personId: 'p1', householdId: 'h1' }),
	care.check(sh('2026-11-23'), 'no_answer', { personId: 'p3', householdId: 'h3' }),
	care.check(sh('2026-11-23', '18:00'), 'no_answer', { personId: 'p3', householdId: 'h3' })
];

describe('today list', () => {
	it('lists the volunteer’s own people due today, late first, refills as tasks, needs as follow-ups', () => {
		const states = foldCare(events);
		const list = todayList(states.values(), 'me', '2026-11-23', []);
		expect(list.map((i) => [i.name, i.kind, i.overdue])).toEqual([
			['李阿姨', 'refill', 3],
			['张奶奶', 'call', 0]
		]);
		const after = foldCare([
			...events,
			care.check(sh('2026-11-23', '10:00'), 'needs', { personId: 'p1', householdId: 'h1' })
		]);
		expect(todayList(after.values(), 'me', '2026-11-23', []).map((i) => i.kind)).toEqual(['refill', 'needs']);
		expect(todayList(states.values(), 'other', '2026-11-23', [])).toMatchObject([
			{ name: '王大爷', kind: 'call', misses: 2 }
		]);
	});
});

describe('ledger', () => {
	const households = new Map<string, Household>(
		['h1', 'h2', 'h3'].map((id, i) => [
			id,
			{
				id,
				building: String(i + 1),
				unit: '1',
				floor: 1,
				room: '101',
				head: '',
				phone: '',
				residents: 1,
				tags: [],
				note: ''
			}
		])
	);
	const rows = ledgerRows(foldCare(events).values(), households, [], '2026-11-24');

	it('filters by category, building, pairing and lateness, and counts per category', () => {
		expect(filterLedger(rows, { ...NO_FILTER, category: '独居老人' }).map((r) => r.state.id)).toEqual(['p1', 'p3']);
		expect(filterLedger(rows, { ...NO_FILTER, building: '2' }).map((r) => r.state.id)).toEqual(['p2']);
		expect(filterLedger(rows, { ...NO_FILTER, pairing: 'unpaired' })).toEqual([]);
		// p1 was last called on the 22nd: a day late on the 24th.
		expect(filterLedger(rows, { ...NO_FILTER, overdue: true }).map((r) => r.state.id)).toEqual(['p1', 'p2', 'p3']);
		expect(rows.map((r) => r.late)).toEqual([1, 4, 4]);
		expect(categoryCounts(rows)).toEqual([
			{ category: '独居老人', count: 2 },
			{ category: '孕妇', count: 1 },
			{ category: '慢性病', count: 1 }
		]);
	});

	it('counts late and raised people by volunteer', () => {
		expect(missedByVolunteer(rows)).toEqual([
			{ volunteer: '志愿者 me', late: 2, raised: 0 },
			{ volunteer: '志愿者 other', late: 1, raised: 1 }
		]);
	});
});
