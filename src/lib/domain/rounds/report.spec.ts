import { describe, expect, it } from 'vitest';
import { distribution, disinfection, surveyAnswer, SURVEY_FORM } from '$tests/support/round-events';
import type { Household } from '../schemas';
import { roundReport, type Words } from './report';

const hh = (id: string, unit: string, floor: number, room: string): Household => ({
	id,
	building: '1',
	unit,
	floor,
	room,
	head: '',
	phone: '',
	residents: 2,
	tags: [],
	note: ''
});
const HH = [hh('b', '1', 2, '201'), hh('a', '1', 1, '101'), hh('c', '2', 1, '101')];
const words: Words = { col: (k) => k, state: (c) => c.text, answer: (v) => String(v) };

describe('a round as the lead reads and exports it', () => {
	it('distribution: done, items out of due, the missing in walking order, one row per household', () => {
		const round = {
			id: 'r1',
			date: '2026-11-23',
			active: true,
			kind: 'distribution' as const,
			definition: { item: '菜', quantity: { rule: 'per_resident' as const, per: 1 } }
		};
		const r = roundReport(round, HH, [distribution({ householdId: 'b', quantity: 2 })], '2026-11-23', words);
		expect([r.done, r.total, r.work]).toEqual([1, 3, { done: 2, required: 6 }]);
		expect(r.missing.map((m) => m.id)).toEqual(['a', 'c']);
		// The lead's grid: every household in walking order, each chip in its state.
		expect(r.places.map((p) => [p.id, p.chip.tone])).toEqual([
			['a', 'todo'],
			['b', 'done'],
			['c', 'todo']
		]);
		expect(r.table.map((row) => [row.room, row.quantity])).toEqual([
			['101', 0],
			['201', 2],
			['101', 0]
		]);
	});

	it('survey: a column per question, answers counted per value', () => {
		const round = {
			id: 'r1',
			date: '2026-11-23',
			active: true,
			kind: 'survey' as const,
			definition: { version: 1, ...SURVEY_FORM }
		};
		const events = [
			surveyAnswer({ householdId: 'a', answers: { back: true, from: '省外' } }),
			surveyAnswer({ householdId: 'b', answers: { back: false } })
		];
		const r = roundReport(round, HH, events, '2026-11-23', words);
		expect(r.table[0]).toMatchObject({ room: '101', '返乡人员?': 'true', 来自何地: '省外', 到达天数: '' });
		expect(r.counts).toContainEqual({ question: '返乡人员?', value: 'answered', households: 2 });
		expect(r.counts).toContainEqual({ question: '返乡人员?', value: 'true', households: 1 });
		expect(r.counts).toContainEqual({ question: '来自何地', value: '省外', households: 1 });
	});

	it('disinfection: areas and passes of the day; common areas first in the missing list', () => {
		const round = {
			id: 'r1',
			date: '2026-11-23',
			active: true,
			kind: 'disinfection' as const,
			definition: { areas: { floor: ['楼道'], common: ['电梯'] }, passesPerDay: 2 }
		};
		const events = [disinfection({ floor: 1 }), disinfection({ floor: 1 }), disinfection({ floor: 2 })];
		const r = roundReport(round, HH, events, '2026-11-23', words);
		expect([r.done, r.total, r.work]).toEqual([1, 5, { done: 3, required: 10 }]);
		expect(r.missing.map((m) => `${m.unit}:${m.floor ?? 'c'}:${m.label}`)).toEqual([
			'1:c:电梯',
			'1:2:楼道',
			'2:c:电梯',
			'2:1:楼道'
		]);
		// The lead's grid: every area, each unit's common areas before its floors.
		expect(r.places.map((p) => `${p.unit}:${p.floor ?? 'c'}:${p.chip.tone}`)).toEqual([
			'1:c:todo',
			'1:1:done',
			'1:2:partial',
			'2:c:todo',
			'2:1:todo'
		]);
	});
});
