import { describe, expect, it } from 'vitest';
import type { NeedEvent } from '../schemas';
import { created, done, needEvent } from '$tests/support/needs';
import { foldNeeds } from './fold';
import { needRows, needSummary } from './export';

const lead = { deviceId: 'lead', volunteer: '队长' };
const a = { deviceId: 'a', volunteer: '张三' };
const T = (m: number) => `2026-11-23T08:${String(m).padStart(2, '0')}:00.000Z`;
const label = (k: string) => k;

function history() {
	const events: NeedEvent[] = [];
	// Medicine asked 08:00, accepted 08:04, done 08:40 (within the hour), rated 满意.
	const m1 = { needId: 'm1', householdId: 'demo-1-1-101' };
	events.push(
		created(lead, m1, { kind: 'medicine', urgency: 'medicine', askedAt: T(0), receivedAt: T(0) } as Partial<NeedEvent>),
		needEvent('need_dispatched', lead, m1, { to: { deviceId: 'a', name: '张三' } }, { receivedAt: T(4), at: T(4) }),
		done(a, m1, { feedback: 'good', receivedAt: T(40), at: T(40) } as Partial<NeedEvent>)
	);
	// Medicine asked 08:00, accepted 08:20 (late), still open.
	const m2 = { needId: 'm2', householdId: 'demo-1-1-102' };
	events.push(
		created(lead, m2, { kind: 'medicine', urgency: 'medicine', askedAt: T(0), receivedAt: T(0) } as Partial<NeedEvent>),
		needEvent('need_dispatched', lead, m2, { to: { deviceId: 'a', name: '张三' } }, { receivedAt: T(20), at: T(20) })
	);
	// Shopping, done with money, rated 一般.
	const s1 = { needId: 's1', householdId: 'demo-1-1-201' };
	events.push(
		created(lead, s1, { askedAt: T(0), receivedAt: T(0) } as Partial<NeedEvent>),
		needEvent('need_dispatched', lead, s1, { to: { deviceId: 'a', name: '张三' } }, { receivedAt: T(10), at: T(10) }),
		done(a, s1, { collectedFen: 4550, feedback: 'ok', receivedAt: T(50), at: T(50) } as Partial<NeedEvent>)
	);
	return [...foldNeeds(events).values()];
}

describe('the needs export', () => {
	it('one row per request, with every time, who, money and the rating', () => {
		const rows = needRows(history(), new Map(), label);
		const s1 = rows.find((r) => r['col.id'] === 's1')!;
		expect(s1).toMatchObject({
			'col.kind': 'kind.shopping',
			'col.building': '1',
			'col.room': '201',
			'col.holder': '张三',
			'col.money': 45.5,
			'col.rating': 'rating.ok',
			'col.asked': new Date(T(0)),
			'col.accepted': new Date(T(10)),
			'col.closed': new Date(T(50))
		});
	});

	// issue 10 (session 4)
	it("has the resident's own rating beside the word at the door, when given", () => {
		const ratings = new Map([['s1', { rating: 'bad' as const, words: '东西少了' }]]);
		const rows = needRows(history(), new Map(), label, { ratings, rating: 'resident', words: 'residentWords' });
		expect(rows.find((r) => r['col.id'] === 's1')).toMatchObject({
			'col.rating': 'rating.ok',
			resident: 'rating.bad',
			residentWords: '东西少了'
		});
		expect(rows.find((r) => r['col.id'] === 'm1')).toMatchObject({ resident: '', residentWords: '' });
	});

	it('a summary per kind: count, medians to accept and to done, share late, share satisfied', () => {
		const rows = needSummary(history(), Date.parse('2026-11-23T12:00:00.000Z'), label);
		expect(rows).toEqual([
			{
				'col.kind': 'kind.medicine',
				'col.count': 2,
				'col.done': 1,
				'col.medianAccept': 12,
				'col.medianDone': 40,
				'col.lateShare': 50,
				'col.satisfied': 100
			},
			{
				'col.kind': 'kind.shopping',
				'col.count': 1,
				'col.done': 1,
				'col.medianAccept': 10,
				'col.medianDone': 50,
				'col.lateShare': 0,
				'col.satisfied': 0
			}
		]);
	});
});
