import fc from 'fast-check';
import { expect } from 'vitest';
import { DISINFECTION_REASONS, DISTRIBUTION_OUTCOMES, SURVEY_OUTCOMES } from '$lib/domain/rounds/events';
import type { DisinfectionDefinition, DistributionDefinition, SurveyDefinition } from '$lib/domain/rounds/definition';
import { areasOf, disinfectionCoverage, foldAreas } from '$lib/domain/rounds/disinfection';
import { distributionCoverage, foldDistributionAll } from '$lib/domain/rounds/distribution';
import { foldSurveyAll, surveyCounts, surveyCoverage } from '$lib/domain/rounds/survey';
import type { FieldEvent, Household } from '$lib/domain/schemas';
import type { DeviceAuth } from '$lib/server/auth';
import type { Db } from '$lib/server/db';
import { createRound } from '$lib/server/lead/rounds';
import { authenticate, enrol } from '$lib/server/auth';
import { DEMO } from '$lib/server/testing/fixtures';

/*
 * Issue 12's part of the convergence property test: distribution, survey and disinfection
 * records (with corrections and undos) made on the same devices, pushed and pulled through the
 * same faults as visits; at the end every device folds each round to what the server folds.
 */

export const ROUND_KINDS_PULL = 'sampling,distribution,disinfection,survey';
const DIST = 'conv-dist';
const SURVEY = 'conv-survey';
const DIS = 'conv-dis';
const DAY = '2026-11-23';
const HOUSEHOLDS = ['demo-1-1-101', 'demo-1-1-102', 'demo-1-2-101', 'demo-2-1-601'];
const PLACES = [
	{ building: '1', unit: '1', floor: 1, area: '楼道' },
	{ building: '1', unit: '1', floor: null, area: '电梯' },
	{ building: '2', unit: '1', floor: 6, area: '楼道' }
];
const DIST_DEF: DistributionDefinition = { item: '物资包', quantity: { rule: 'per_resident', per: 1 } };
const DIS_DEF: DisinfectionDefinition = { areas: { floor: ['楼道'], common: ['电梯'] }, passesPerDay: 2 };
const SURVEY_FORM: Pick<SurveyDefinition, 'fields'> = {
	fields: [
		{ id: 'back', label: '返乡人员?', type: 'yes_no', required: true },
		{ id: 'from', label: '来自何地', type: 'choice', options: ['省内', '省外'], required: false },
		{ id: 'days', label: '到达天数', type: 'number', min: 0, max: 60, required: false }
	]
};

export interface RoundKindAction {
	kind: 'round-kind';
	dev: number;
	what: 'distribution' | 'survey' | 'disinfection';
	target: number;
	outcome: number;
	amount: number;
	time: number;
	fix: 'none' | 'replace' | 'void';
	pick: number;
}

export const roundKindArb: fc.Arbitrary<RoundKindAction> = fc.record({
	kind: fc.constant('round-kind' as const),
	dev: fc.nat({ max: 3 }),
	what: fc.constantFrom('distribution' as const, 'survey' as const, 'disinfection' as const),
	target: fc.nat({ max: 3 }),
	outcome: fc.nat({ max: 3 }),
	amount: fc.nat({ max: 3 }),
	time: fc.nat({ max: 5 }),
	fix: fc.constantFrom('none' as const, 'none' as const, 'replace' as const, 'void' as const),
	pick: fc.nat({ max: 50 })
});

/** The rounds of the other kinds, made by the lead before any device enrols. */
export async function setUpRoundKinds(server: Db): Promise<void> {
	const e = await enrol(server, DEMO.leadCode, '组长');
	if (!e) throw new Error('enrol failed');
	const lead: DeviceAuth = await authenticate(server, `Bearer ${e.token}`);
	await createRound(server, lead, { id: DIST, date: DAY, kind: 'distribution', definition: DIST_DEF });
	await createRound(server, lead, { id: SURVEY, date: DAY, kind: 'survey', definition: SURVEY_FORM });
	await createRound(server, lead, { id: DIS, date: DAY, kind: 'disinfection', definition: DIS_DEF });
}

/** What a device of the test offers this module: its events and a way to record one. */
export interface Recorder {
	deviceId: string;
	lead: boolean;
	events: Iterable<FieldEvent>;
	record(fields: Record<string, unknown>, time: number): void;
}

/** Records one round-kind event, a correction, or an undo (of the device's own, or anyone's for the lead). */
export function recordRoundKind(d: Recorder, a: RoundKindAction): void {
	const types = a.what === 'disinfection' ? ['disinfection'] : [a.what === 'survey' ? 'survey_answer' : 'distribution'];
	const known = [...d.events].filter((e) => types.includes(e.type) && (d.lead || e.deviceId === d.deviceId));
	const target = a.fix !== 'none' && known.length ? known[a.pick % known.length] : null;
	if (a.what === 'disinfection') {
		if (target?.type === 'disinfection') {
			const { building, unit, floor, area, roundId } = target;
			// A pass is a record; a correction of one is an undo and a new record.
			d.record({ type: 'disinfection_void', roundId, building, unit, floor, area, voids: [target.id] }, a.time);
			if (a.fix === 'void') return;
		}
		const place = PLACES[a.target % PLACES.length];
		const couldNot = a.outcome === 3;
		d.record(
			{
				type: 'disinfection',
				roundId: DIS,
				...place,
				day: DAY,
				outcome: couldNot ? 'could_not' : 'done',
				reason: couldNot ? DISINFECTION_REASONS[a.amount % DISINFECTION_REASONS.length] : undefined,
				note: ''
			},
			a.time
		);
		return;
	}
	const householdId = target && 'householdId' in target ? target.householdId : HOUSEHOLDS[a.target];
	if (target && a.fix === 'void') {
		d.record({ type: 'void', householdId, voids: [target.id] }, a.time);
		return;
	}
	const replaces = target ? [target.id] : [];
	if (a.what === 'distribution') {
		const outcome = DISTRIBUTION_OUTCOMES[a.outcome];
		const out = outcome === 'delivered' || outcome === 'left_at_door';
		d.record(
			{
				type: 'distribution',
				householdId,
				roundId: DIST,
				outcome,
				quantity: out ? a.amount + 1 : 0,
				note: '',
				replaces
			},
			a.time
		);
		return;
	}
	const outcome = SURVEY_OUTCOMES[a.outcome];
	const answers =
		outcome === 'answered'
			? { back: a.amount % 2 === 0, ...(a.amount > 1 ? { from: '省外', days: a.amount } : {}) }
			: {};
	d.record(
		{ type: 'survey_answer', householdId, roundId: SURVEY, version: 1, outcome, answers, note: '', replaces },
		a.time
	);
}

/** Everything the lead would see of the three rounds, from one set of events. */
export function deriveRoundKinds(households: Household[], events: FieldEvent[]) {
	const sorted = [...households].sort((a, b) => (a.id < b.id ? -1 : 1));
	const dist = foldDistributionAll(sorted, DIST_DEF, events, DIST);
	const survey = foldSurveyAll(sorted, events, SURVEY);
	const areas = areasOf(sorted, DIS_DEF);
	const dis = foldAreas(areas, DIS_DEF, events, DIS, DAY);
	return {
		dist,
		distCoverage: distributionCoverage(dist.values()),
		survey,
		surveyCoverage: surveyCoverage(survey.values()),
		surveyCounts: surveyCounts({ version: 1, ...SURVEY_FORM }, survey.values()),
		dis,
		disCoverage: disinfectionCoverage(dis.values())
	};
}

/** Every device folds the three rounds as the server does, and the fold ignores event order. */
export function expectRoundKindsConverge(
	server: { households: Household[]; events: FieldEvent[] },
	devices: { households: Household[]; events: FieldEvent[] }[]
): void {
	const truth = deriveRoundKinds(server.households, server.events);
	expect(deriveRoundKinds(server.households, [...server.events].reverse())).toEqual(truth);
	for (const d of devices) expect(deriveRoundKinds(d.households, d.events)).toEqual(truth);
}
