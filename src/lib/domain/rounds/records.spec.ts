import { describe, expect, it } from 'vitest';
import { disinfection, disinfectionVoid, distribution, surveyAnswer, SURVEY_FORM } from '$tests/support/round-events';
import type { Household, VoidEvent } from '../schemas';
import { areaKey } from './disinfection';
import { itemRecords } from './records';
import type { Words } from './report';

const hh = (id: string, floor: number, room: string): Household => ({
	id,
	building: '1',
	unit: '1',
	floor,
	room,
	head: '',
	phone: '',
	residents: 2,
	tags: [],
	note: ''
});
const HH = [hh('a', 1, '101'), hh('b', 2, '201')];
const words: Words = {
	col: (k) => k,
	state: (c) => `${c.text}${Object.values(c.values).join('/')}`,
	answer: (v) => String(v)
};
const base = { id: 'r1', date: '2026-11-23', active: true };

describe("one household's (area's) records in a round, as the lead reads them", () => {
	it('distribution: the deciding record first, a disagreeing one kept and marked, an undone one struck', () => {
		const round = {
			...base,
			kind: 'distribution' as const,
			definition: { item: '菜', quantity: { rule: 'fixed' as const, per: 1 } }
		};
		const refused = distribution({
			householdId: 'a',
			outcome: 'refused',
			quantity: 0,
			deviceId: 'dev-b',
			volunteer: 'B'
		});
		const delivered = distribution({ householdId: 'a', quantity: 2 });
		const undone = distribution({ householdId: 'a', quantity: 1, volunteer: 'C', deviceId: 'dev-c' });
		const voiding: VoidEvent = {
			id: 'v1',
			v: 1,
			type: 'void',
			at: '2026-11-23T11:00:00.000Z',
			deviceId: 'dev-c',
			volunteer: 'C',
			householdId: 'a',
			voids: [undone.id]
		} as VoidEvent;
		const other = distribution({ householdId: 'b', volunteer: 'D' });
		const rows = itemRecords(round, 'a', HH, [refused, undone, voiding, delivered, other], '2026-11-23', words);
		expect(rows.map((r) => [r.volunteer, r.what, r.decides, r.conflicting, r.gone])).toEqual([
			['A', 'dist_delivered2', true, false, false],
			['B', 'dist_refused0', false, true, false],
			['C', 'dist_delivered1', false, false, true]
		]);
	});

	it("survey: each record's answers under the question's label", () => {
		const round = { ...base, kind: 'survey' as const, definition: { version: 1, ...SURVEY_FORM } };
		const events = [
			surveyAnswer({ householdId: 'b', answers: { back: true, from: '省外' } }),
			surveyAnswer({ householdId: 'b', answers: { back: false }, deviceId: 'dev-b', volunteer: 'B' })
		];
		const rows = itemRecords(round, 'b', HH, events, '2026-11-23', words);
		expect(rows).toHaveLength(2);
		expect(rows.find((r) => r.volunteer === 'A')?.detail).toEqual(['返乡人员?: true', '来自何地: 省外']);
		expect(rows.find((r) => r.volunteer === 'B')?.detail).toEqual(['返乡人员?: false']);
		expect(rows.filter((r) => r.conflicting)).toHaveLength(1);
	});

	it("disinfection: the area's passes and could-nots of the day, with the reason; other days and areas left out", () => {
		const round = {
			...base,
			kind: 'disinfection' as const,
			definition: { areas: { floor: ['楼道'], common: ['电梯'] }, passesPerDay: 2 }
		};
		const pass = disinfection({ floor: 1 });
		const couldNot = disinfection({
			floor: 1,
			outcome: 'could_not',
			reason: 'locked',
			deviceId: 'dev-b',
			volunteer: 'B'
		});
		const voided = disinfection({ floor: 1 });
		const events = [
			pass,
			couldNot,
			voided,
			disinfectionVoid(voided),
			disinfection({ floor: 1, day: '2026-11-22' }),
			disinfection({ floor: 2 })
		];
		const key = areaKey({ building: '1', unit: '1', floor: 1, area: '楼道' });
		const rows = itemRecords(round, key, HH, events, '2026-11-23', words);
		expect(rows.map((r) => [r.volunteer, r.what, r.detail, r.conflicting, r.gone])).toEqual([
			['A', 'record_pass', [], false, false],
			['B', 'area_could_not', ['reason_locked'], true, false],
			['A', 'record_pass', [], false, true]
		]);
	});

	it('an id the round does not know has no records', () => {
		const round = { ...base, kind: 'survey' as const, definition: { version: 1, ...SURVEY_FORM } };
		expect(itemRecords(round, 'nobody', HH, [surveyAnswer()], '2026-11-23', words)).toEqual([]);
	});
});
