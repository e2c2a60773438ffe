import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSchema, roundSchema, type FieldEvent, type Household } from '../schemas';
import { answersSchema, nextSurvey, surveyDefinitionSchema, type SurveyDefinition } from './definition';
import { areasOf, disinfectionCoverage, foldAreas } from './disinfection';
import { distributionCoverage, foldDistributionAll } from './distribution';
import { activeRounds, isSupported, pickRound } from './select';
import { foldSurveyAll, surveyCounts, surveyCoverage } from './survey';
import type { DistributionEvent, SurveyAnswerEvent, DisinfectionEvent } from './events';
import { activeRound } from '../rounds';

const base = (id: string, deviceId = 'd1', at = '2026-11-23T08:00:00+08:00') => ({
	id,
	v: 1 as const,
	deviceId,
	volunteer: 'v',
	at
});
const hh = (id: string, floor: number, residents = 2, unit = '1'): Household => ({
	id,
	building: '1',
	unit,
	floor,
	room: `${floor}0${id.slice(-1)}`,
	head: '',
	phone: '',
	residents,
	tags: [],
	note: ''
});
const HH = [hh('h1', 1, 3), hh('h2', 1, 1), hh('h3', 2, 0)];

const dist = (
	id: string,
	householdId: string,
	outcome: DistributionEvent['outcome'],
	quantity: number,
	deviceId = 'd1',
	at?: string,
	replaces: string[] = []
): DistributionEvent => ({
	...base(id, deviceId, at),
	type: 'distribution',
	householdId,
	roundId: 'R',
	outcome,
	quantity,
	note: '',
	replaces
});

const SURVEY: SurveyDefinition = {
	version: 1,
	fields: [
		{ id: 'back', label: '返乡人员?', type: 'yes_no', required: true },
		{ id: 'from', label: '来自何地', type: 'choice', options: ['省内', '省外'], required: false },
		{ id: 'days', label: '到达天数', type: 'number', min: 0, max: 60, required: false },
		{ id: 'note', label: '备注', type: 'text', required: false }
	]
};

describe('round definitions', () => {
	it('parses rounds of every kind and keeps a sampling round as it was', () => {
		const sampling = { id: 'r', date: '2026-11-23', kind: 'sampling', active: true };
		expect(roundSchema.parse(sampling)).toEqual(sampling);
		expect(
			roundSchema.safeParse({
				...sampling,
				kind: 'distribution',
				definition: { item: '菜', quantity: { rule: 'fixed', per: 1 } }
			}).success
		).toBe(true);
		expect(roundSchema.safeParse({ ...sampling, kind: 'survey', definition: SURVEY }).success).toBe(true);
		expect(roundSchema.safeParse({ ...sampling, kind: 'survey' }).success).toBe(false);
		expect(
			roundSchema.safeParse({
				...sampling,
				kind: 'disinfection',
				definition: { areas: { floor: [], common: [] }, passesPerDay: 2 }
			}).success
		).toBe(false);
	});

	it('builds the answers schema from the form: types, required, options, ranges, nothing extra', () => {
		const s = answersSchema(SURVEY);
		expect(s.safeParse({ back: true, from: '省外', days: 3 }).success).toBe(true);
		expect(s.safeParse({ from: '省外' }).success).toBe(false); // required missing
		expect(s.safeParse({ back: 'yes' }).success).toBe(false);
		expect(s.safeParse({ back: true, from: '国外' }).success).toBe(false);
		expect(s.safeParse({ back: true, days: 61 }).success).toBe(false);
		expect(s.safeParse({ back: true, extra: 1 }).success).toBe(false);
		expect(surveyDefinitionSchema.safeParse({ version: 1, fields: [SURVEY.fields[0], SURVEY.fields[0]] }).success).toBe(
			false
		);
	});

	it('keeps the version while nobody answered, the next one after', () => {
		expect(nextSurvey(SURVEY, SURVEY.fields.slice(0, 2), false).version).toBe(1);
		expect(nextSurvey(SURVEY, SURVEY.fields.slice(0, 2), true).version).toBe(2);
	});

	it('picks the last used active round, else the newest; sampling alone for the old grid', () => {
		const rounds = [
			{ id: 'a', date: '2026-11-23', kind: 'sampling', active: true },
			{
				id: 'b',
				date: '2026-11-24',
				kind: 'distribution',
				active: true,
				definition: { item: '菜', quantity: { rule: 'fixed', per: 1 } }
			},
			{ id: 'c', date: '2026-11-25', kind: 'unsupported', active: true },
			{ id: 'd', date: '2026-11-26', kind: 'sampling', active: false }
		].map((r) => roundSchema.parse(r));
		expect(activeRounds(rounds).map((r) => r.id)).toEqual(['c', 'b', 'a']);
		expect(pickRound(rounds, 'a')?.id).toBe('a');
		expect(pickRound(rounds, 'd')?.id).toBe('a');
		expect(pickRound(rounds.slice(1), null)?.id).toBe('c');
		expect(activeRound(rounds)?.id).toBe('a');
		expect(rounds.filter(isSupported).map((r) => r.id)).toEqual(['a', 'b', 'd']);
	});
});

describe('distribution fold', () => {
	const def = { item: '物资包', quantity: { rule: 'per_resident' as const, per: 1 } };
	it('a hand-over beats a later refusal; a second package from another device is a disagreement', () => {
		const events: FieldEvent[] = [
			dist('e1', 'h1', 'delivered', 3, 'd1', '2026-11-23T08:00:00+08:00'),
			dist('e2', 'h1', 'refused', 0, 'd2', '2026-11-23T09:00:00+08:00'),
			dist('e3', 'h2', 'left_at_door', 1, 'd1'),
			dist('e4', 'h2', 'delivered', 1, 'd2')
		];
		events.forEach((e) => eventSchema.parse(e));
		const s = foldDistributionAll(HH, def, events, 'R');
		expect(s.get('h1')).toMatchObject({ state: 'delivered', quantity: 3, expected: 3 });
		expect(s.get('h1')?.conflicting.map((e) => e.id)).toEqual(['e2']);
		expect(s.get('h2')?.state).toBe('delivered');
		expect(s.get('h2')?.conflicting.map((e) => e.id)).toEqual(['e3']);
		expect(distributionCoverage(s.values())).toEqual({
			households: 3,
			householdsDone: 2,
			itemsOut: 4,
			itemsExpected: 5,
			left: 0,
			refused: 0,
			disagreements: 2
		});
	});

	it('a void undoes a record, a correction replaces it', () => {
		const events: FieldEvent[] = [
			dist('e1', 'h1', 'delivered', 3),
			dist('e2', 'h1', 'refused', 0, 'd1', undefined, ['e1']),
			dist('e3', 'h2', 'delivered', 1),
			{ ...base('v1'), type: 'void', householdId: 'h2', voids: ['e3'] }
		];
		const s = foldDistributionAll(HH, def, events, 'R');
		expect(s.get('h1')?.state).toBe('refused');
		expect(s.get('h2')?.state).toBe('todo');
	});
});

describe('survey fold', () => {
	const ans = (
		id: string,
		householdId: string,
		outcome: SurveyAnswerEvent['outcome'],
		answers: SurveyAnswerEvent['answers'],
		deviceId = 'd1'
	): SurveyAnswerEvent => ({
		...base(id, deviceId),
		type: 'survey_answer',
		householdId,
		roundId: 'R',
		version: 1,
		outcome,
		answers,
		note: '',
		replaces: []
	});
	it('an answer beats nobody home; different answers are a disagreement; counts per field', () => {
		const events = [
			ans('a1', 'h1', 'answered', { back: true, from: '省外', days: 3 }),
			ans('a2', 'h1', 'nobody_home', {}, 'd2'),
			ans('a3', 'h2', 'answered', { back: false }, 'd1'),
			ans('a4', 'h2', 'answered', { back: true }, 'd2')
		];
		events.forEach((e) => eventSchema.parse(e));
		const s = foldSurveyAll(HH, events, 'R');
		expect(s.get('h1')?.state).toBe('answered');
		expect(s.get('h1')?.conflicting).toEqual([]);
		expect(s.get('h2')?.conflicting).toHaveLength(1);
		expect(surveyCoverage(s.values())).toMatchObject({ households: 3, householdsDone: 2, disagreements: 1 });
		const counts = surveyCounts(SURVEY, s.values());
		expect(counts[0]).toMatchObject({ id: 'back', answered: 2 });
		expect(counts[0].values.true).toBe(1 + Number(s.get('h2')?.decidedBy?.answers.back === true));
		expect(counts[1].values).toEqual({ 省外: 1 });
	});
	it('refuses answers on an outcome that is not "answered"', () => {
		expect(eventSchema.safeParse(ans('x', 'h1', 'refused', { back: true })).success).toBe(false);
	});
});

describe('disinfection fold', () => {
	const def = { areas: { floor: ['楼道'], common: ['电梯', '大堂'] }, passesPerDay: 2 };
	const pass = (
		id: string,
		floor: number | null,
		area: string,
		deviceId = 'd1',
		outcome: DisinfectionEvent['outcome'] = 'done'
	): DisinfectionEvent => ({
		...base(id, deviceId),
		type: 'disinfection',
		roundId: 'R',
		building: '1',
		unit: '1',
		floor,
		area,
		day: '2026-11-23',
		outcome,
		...(outcome === 'could_not' ? { reason: 'locked' as const } : {}),
		note: ''
	});
	it('derives areas per floor and per unit, top floor first', () => {
		expect(areasOf(HH, def).map((a) => `${a.floor ?? 'c'}:${a.area}`)).toEqual([
			'c:电梯',
			'c:大堂',
			'2:楼道',
			'1:楼道'
		]);
	});
	it('counts passes per record, from any device; a void takes one back; could-not is kept', () => {
		const areas = areasOf(HH, def);
		const events: FieldEvent[] = [
			pass('p1', 1, '楼道', 'd1'),
			pass('p2', 1, '楼道', 'd2'),
			pass('p3', 2, '楼道', 'd1'),
			pass('p4', 2, '楼道', 'd1'),
			{
				...base('v'),
				type: 'disinfection_void',
				roundId: 'R',
				building: '1',
				unit: '1',
				floor: 2,
				area: '楼道',
				voids: ['p4']
			},
			pass('p5', null, '电梯', 'd2', 'could_not'),
			pass('p6', null, '电梯', 'd1')
		];
		events.forEach((e) => eventSchema.parse(e));
		const s = foldAreas(areas, def, events, 'R', '2026-11-23');
		const by = (floor: number | null, area: string) =>
			s.get(areas.find((a) => a.floor === floor && a.area === area)!.key)!;
		expect(by(1, '楼道')).toMatchObject({ state: 'done', passes: 2 });
		expect(by(2, '楼道')).toMatchObject({ state: 'partial', passes: 1 });
		expect(by(null, '电梯').conflicting.map((e) => e.id)).toEqual(['p5']);
		expect(by(null, '大堂').state).toBe('todo');
		expect(disinfectionCoverage(s.values())).toEqual({
			areas: 4,
			areasDone: 1,
			passesDone: 4,
			passesRequired: 8,
			couldNot: 0,
			disagreements: 1
		});
		expect(foldAreas(areas, def, events, 'R', '2026-11-24').get(areas[0].key)?.state).toBe('todo');
	});
});

describe('folds are order-independent', () => {
	const outcomes = ['delivered', 'left_at_door', 'refused', 'not_living'] as const;
	it('distribution and survey give the same statuses in any order', () => {
		const ev = fc.record({
			hh: fc.constantFrom('h1', 'h2'),
			dev: fc.constantFrom('d1', 'd2', 'd3'),
			outcome: fc.constantFrom(...outcomes),
			q: fc.nat({ max: 3 }),
			t: fc.nat({ max: 3 }),
			fix: fc.nat({ max: 5 })
		});
		fc.assert(
			fc.property(fc.array(ev, { maxLength: 12 }), fc.infiniteStream(fc.nat()), (raw, rnd) => {
				const events: FieldEvent[] = raw.map((r, i) =>
					dist(
						`e${i}`,
						r.hh,
						r.outcome,
						r.q,
						r.dev,
						`2026-11-23T08:0${r.t}:00+08:00`,
						r.fix < i && r.fix % 2 ? [`e${r.fix}`] : []
					)
				);
				const shuffled = [...events].sort(() => (rnd.next().value % 3) - 1);
				const def = { item: 'x', quantity: { rule: 'fixed' as const, per: 1 } };
				const a = foldDistributionAll(HH, def, events, 'R');
				const b = foldDistributionAll(HH, def, shuffled, 'R');
				for (const h of HH) {
					expect(b.get(h.id)?.decidedBy?.id).toBe(a.get(h.id)?.decidedBy?.id);
					expect(b.get(h.id)?.conflicting.map((e) => e.id)).toEqual(a.get(h.id)?.conflicting.map((e) => e.id));
				}
			})
		);
	});
});
