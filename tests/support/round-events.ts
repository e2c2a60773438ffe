import type {
	DisinfectionEvent,
	DisinfectionVoidEvent,
	DistributionEvent,
	SurveyAnswerEvent
} from '$lib/domain/rounds/events';
import type { SurveyDefinition } from '$lib/domain/rounds/definition';

let n = 0;
function next(): { id: string; at: string } {
	n++;
	return { id: `k${String(n).padStart(6, '0')}`, at: `2026-11-23T10:${String(n % 60).padStart(2, '0')}:00.000Z` };
}

/** Builders of valid round-kind events for tests (issue 12). */
export function distribution(over: Partial<DistributionEvent> = {}): DistributionEvent {
	return {
		...next(),
		v: 1,
		type: 'distribution',
		deviceId: 'dev-a',
		volunteer: 'A',
		householdId: 'h1',
		roundId: 'r1',
		outcome: 'delivered',
		quantity: 1,
		note: '',
		replaces: [],
		...over
	};
}

export function surveyAnswer(over: Partial<SurveyAnswerEvent> = {}): SurveyAnswerEvent {
	return {
		...next(),
		v: 1,
		type: 'survey_answer',
		deviceId: 'dev-a',
		volunteer: 'A',
		householdId: 'h1',
		roundId: 'r1',
		version: 1,
		outcome: 'answered',
		answers: { back: false },
		note: '',
		replaces: [],
		...over
	};
}

export function disinfection(over: Partial<DisinfectionEvent> = {}): DisinfectionEvent {
	return {
		...next(),
		v: 1,
		type: 'disinfection',
		deviceId: 'dev-a',
		volunteer: 'A',
		roundId: 'r1',
		building: '1',
		unit: '1',
		floor: 1,
		area: '楼道',
		day: '2026-11-23',
		outcome: 'done',
		note: '',
		...over
	};
}

export function disinfectionVoid(
	target: DisinfectionEvent,
	over: Partial<DisinfectionVoidEvent> = {}
): DisinfectionVoidEvent {
	return {
		...next(),
		v: 1,
		type: 'disinfection_void',
		deviceId: target.deviceId,
		volunteer: target.volunteer,
		roundId: target.roundId,
		building: target.building,
		unit: target.unit,
		floor: target.floor,
		area: target.area,
		voids: [target.id],
		...over
	};
}

/** A three-question survey like the issue's: 返乡人员? 来自何地 到达天数. */
export const SURVEY_FORM: Pick<SurveyDefinition, 'fields'> = {
	fields: [
		{ id: 'back', label: '返乡人员?', type: 'yes_no', required: true },
		{ id: 'from', label: '来自何地', type: 'choice', options: ['省内', '省外'], required: false },
		{ id: 'days', label: '到达天数', type: 'number', min: 0, max: 60, required: false }
	]
};
export const DISINFECTION_DEF = { areas: { floor: ['楼道'], common: ['电梯', '垃圾点'] }, passesPerDay: 2 };
export const DISTRIBUTION_DEF = { item: '物资包', quantity: { rule: 'per_resident' as const, per: 1 } };
