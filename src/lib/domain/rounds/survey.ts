import type { FieldEvent, Household } from '../schemas';
import type { AnswerValue, SurveyDefinition } from './definition';
import type { SurveyAnswerEvent, SurveyOutcome } from './events';
import { byHousehold, decide, supersededRoundIds } from './superseded';

/** An answer given is the fact a survey wants; a later "nobody home" must not hide it. */
const RANK: Record<SurveyOutcome, number> = { answered: 4, not_living: 3, refused: 2, nobody_home: 1 };

export type SurveyState = 'todo' | 'answered' | 'revisit' | 'refused' | 'not_living';

export interface SurveyStatus {
	state: SurveyState;
	decidedBy: SurveyAnswerEvent | null;
	/** Other devices' standing records with another outcome or other answers ("nobody home" excepted). */
	conflicting: SurveyAnswerEvent[];
	standing: SurveyAnswerEvent[];
}

/** Answers compared by value, whatever order their keys were written in. */
const sameAnswers = (a: SurveyAnswerEvent, b: SurveyAnswerEvent): boolean => {
	const ka = Object.keys(a.answers).sort();
	const kb = Object.keys(b.answers).sort();
	return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a.answers[k] === b.answers[k]);
};

export function foldSurvey(
	household: Pick<Household, 'id'>,
	events: readonly FieldEvent[],
	roundId: string
): SurveyStatus {
	const gone = supersededRoundIds(events);
	const standing = events
		.filter(
			(e): e is SurveyAnswerEvent =>
				e.type === 'survey_answer' && e.householdId === household.id && e.roundId === roundId && !gone.has(e.id)
		)
		.sort((a, b) => (a.id < b.id ? -1 : 1));
	const decided = decide(standing, (e) => RANK[e.outcome]);
	if (!decided) return { state: 'todo', decidedBy: null, conflicting: [], standing };
	const conflicting = standing.filter(
		(e) =>
			e.deviceId !== decided.deviceId &&
			e.outcome !== 'nobody_home' &&
			(e.outcome !== decided.outcome || !sameAnswers(e, decided))
	);
	const state: SurveyState = decided.outcome === 'nobody_home' ? 'revisit' : decided.outcome;
	return { state, decidedBy: decided, conflicting, standing };
}

export function foldSurveyAll(
	households: readonly Household[],
	events: readonly FieldEvent[],
	roundId: string
): Map<string, SurveyStatus> {
	const grouped = byHousehold(events);
	const out = new Map<string, SurveyStatus>();
	for (const h of households) out.set(h.id, foldSurvey(h, grouped.get(h.id) ?? [], roundId));
	return out;
}

export const surveyMissing = (s: SurveyStatus): boolean => s.state !== 'answered' && s.state !== 'not_living';

export interface SurveyCoverage {
	households: number;
	householdsDone: number;
	revisit: number;
	refused: number;
	disagreements: number;
}

export function surveyCoverage(statuses: Iterable<SurveyStatus>): SurveyCoverage {
	const c: SurveyCoverage = { households: 0, householdsDone: 0, revisit: 0, refused: 0, disagreements: 0 };
	for (const s of statuses) {
		c.households += 1;
		if (!surveyMissing(s)) c.householdsDone += 1;
		if (s.state === 'revisit') c.revisit += 1;
		if (s.state === 'refused') c.refused += 1;
		if (s.conflicting.length) c.disagreements += 1;
	}
	return c;
}

/** One field's tally: for yes/no and choice, households per value; for numbers, the values' sum. */
export interface FieldCount {
	id: string;
	label: string;
	answered: number;
	/** Value (as text: "true", an option, a number) → households that gave it; not for free text. */
	values: Record<string, number>;
}

/**
 * Counts of the deciding answers per field of the current form. Answers given on an older
 * version count under a field of the same id and type; a field they lack is not answered.
 */
export function surveyCounts(def: SurveyDefinition, statuses: Iterable<SurveyStatus>): FieldCount[] {
	const counts = def.fields.map((f): FieldCount => ({ id: f.id, label: f.label, answered: 0, values: {} }));
	for (const s of statuses) {
		const a = s.state === 'answered' ? s.decidedBy?.answers : undefined;
		if (!a) continue;
		def.fields.forEach((f, i) => {
			const v: AnswerValue | undefined = a[f.id];
			if (v === undefined || !fitsType(f.type, v)) return;
			const c = counts[i];
			c.answered += 1;
			if (f.type !== 'text') c.values[String(v)] = (c.values[String(v)] ?? 0) + 1;
		});
	}
	return counts;
}

function fitsType(type: SurveyDefinition['fields'][number]['type'], v: AnswerValue): boolean {
	if (type === 'yes_no') return typeof v === 'boolean';
	if (type === 'number') return typeof v === 'number';
	return typeof v === 'string';
}
