import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { care } from '$tests/support/care';
import { addDays, daysBetween, shanghaiDay } from './days';
import { dueOn, dutiesOf, nextDue, overdueDays } from './due';
import { foldCare, type CareEvent } from './fold';

/** Shanghai wall-clock time → ISO instant (UTC+8). */
const sh = (day: string, hm = '09:00') => new Date(Date.parse(`${day}T${hm}:00+08:00`)).toISOString();

const state = (events: CareEvent[]) => {
	const s = foldCare([care.person(sh('2026-11-01', '08:00')), ...events]).get('p1');
	if (!s) throw new Error('no person');
	return s;
};
const due = (events: CareEvent[], today: string, rounds: string[] = []) =>
	Object.fromEntries(dutiesOf(state(events), rounds, today).map((d) => [d.duty, d.due]));

describe('due dates (Asia/Shanghai)', () => {
	it('nothing is due without a plan', () => {
		expect(dutiesOf(state([]), ['2026-11-30'], '2026-11-29')).toEqual([]);
	});

	it('a daily call is due from the day the plan is set, then the day after each contact', () => {
		expect(due([care.plan(sh('2026-11-23'))], '2026-11-23')).toEqual({ call: '2026-11-23' });
		expect(due([care.plan(sh('2026-11-23')), care.check(sh('2026-11-23', '10:00'), 'well')], '2026-11-23').call).toBe(
			'2026-11-24'
		);
		// A call before the plan existed does not push the first due day back.
		expect(due([care.check(sh('2026-11-20'), 'well'), care.plan(sh('2026-11-23'))], '2026-11-23').call).toBe(
			'2026-11-23'
		);
	});

	it('a call at 23:59 and one at 00:01 Shanghai time fall on different days (UTC would put both on one)', () => {
		// 23:59 on the 23rd in Shanghai is 15:59 UTC; 00:01 on the 24th is 16:01 UTC on the 23rd.
		const late = due([care.plan(sh('2026-11-22')), care.check(sh('2026-11-23', '23:59'), 'well')], '2026-11-24');
		expect(late.call).toBe('2026-11-24');
		const early = due([care.plan(sh('2026-11-22')), care.check(sh('2026-11-24', '00:01'), 'well')], '2026-11-24');
		expect(early.call).toBe('2026-11-25');
	});

	it('"no answer" is not a contact: the call stays due, and late days add up', () => {
		const events = [care.plan(sh('2026-11-23')), care.check(sh('2026-11-23'), 'no_answer')];
		const [call] = dueOn(dutiesOf(state(events), [], '2026-11-25'), '2026-11-25');
		expect(call).toMatchObject({ duty: 'call', due: '2026-11-23' });
		expect(overdueDays(call, '2026-11-25')).toBe(2);
	});

	it('a visit every N days counts from the last visit, across the month end', () => {
		const events = [
			care.plan(sh('2026-11-20'), { callDaily: false, visitEveryDays: 3 }),
			care.check(sh('2026-11-29'), 'visited', { duty: 'visit' })
		];
		expect(due(events, '2026-11-30')).toEqual({ visit: '2026-12-02' });
		// A call that reached the person is not a visit.
		events.push(care.check(sh('2026-12-01'), 'well'));
		expect(due(events, '2026-12-01').visit).toBe('2026-12-02');
	});

	it('a refill every N days runs from the named first day, then from each refill, across February', () => {
		const plan = care.plan(sh('2027-01-10'), { callDaily: false, refillEveryDays: 30, refillFrom: '2027-01-31' });
		expect(due([plan], '2027-01-10')).toEqual({ refill: '2027-01-31' });
		const refilled = care.check(sh('2027-01-31'), 'visited', { duty: 'refill' });
		expect(due([plan, refilled], '2027-02-01').refill).toBe('2027-03-02');
		expect(
			due(
				[
					care.plan(sh('2028-01-31'), { callDaily: false, refillEveryDays: 29 }),
					care.check(sh('2028-01-31'), 'well', { duty: 'refill' })
				],
				'2028-02-01'
			).refill
		).toBe('2028-02-29');
	});

	it('the sampling reminder is due the day before the next round, for whoever cannot go downstairs, until it is done', () => {
		const round = '2026-12-01';
		const flagged = [care.plan(sh('2026-11-20'), { callDaily: false, samplingReminder: true })];
		expect(due(flagged, '2026-11-25', [round, '2026-11-01'])).toEqual({ sampling: '2026-11-30' });
		expect(dutiesOf(state(flagged), [round], '2026-11-30')[0].until).toBe(round);
		// A bedridden person gets it without the flag.
		const bedridden = [
			care.correct(sh('2026-11-02'), { mobility: 'bedridden' }),
			care.plan(sh('2026-11-20'), { callDaily: false })
		];
		expect(due(bedridden, '2026-11-30', [round]).sampling).toBe('2026-11-30');
		// Done once reminded; a past round is no longer anyone's duty.
		expect(
			due([...flagged, care.check(sh('2026-11-30'), 'well', { duty: 'sampling' })], '2026-11-30', [round])
		).toEqual({});
		expect(due(flagged, '2026-12-02', [round])).toEqual({});
		// Someone who walks and has no flag gets none.
		expect(due([care.plan(sh('2026-11-20'), { callDaily: false })], '2026-11-30', [round])).toEqual({});
	});

	it('property: a daily plan with a contact on every day is never late, whatever the hour of each call', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 400 }),
				fc.array(fc.integer({ min: 0, max: 1439 }), { minLength: 1, maxLength: 40 }),
				(start, minutes) => {
					const first = addDays('2026-01-01', start);
					const events: CareEvent[] = [care.plan(sh(first, '00:00'))];
					minutes.forEach((m, i) => {
						const hm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
						events.push(care.check(sh(addDays(first, i), hm), 'well'));
					});
					const lastDay = addDays(first, minutes.length - 1);
					const [call] = dutiesOf(state(events), [], lastDay);
					expect(call.due).toBe(addDays(lastDay, 1));
					expect(dueOn([call], lastDay)).toEqual([]);
				}
			)
		);
	});

	it('property: after the last visit, the visit is due exactly N Shanghai days later and late by (today − due) days', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2030, 0, 1) }),
				fc.integer({ min: 1, max: 90 }),
				fc.integer({ min: 0, max: 200 }),
				(visitMs, n, wait) => {
					const visitDay = shanghaiDay(visitMs);
					const events = [
						care.plan(new Date(visitMs - 86_400_000 * 3).toISOString(), { callDaily: false, visitEveryDays: n }),
						care.check(new Date(visitMs).toISOString(), 'visited', { duty: 'visit' })
					];
					const today = addDays(visitDay, wait);
					const duties = dutiesOf(state(events), [], today);
					expect(nextDue(duties)).toBe(addDays(visitDay, n));
					expect(overdueDays(duties[0], today)).toBe(daysBetween(addDays(visitDay, n), today));
				}
			)
		);
	});
});
