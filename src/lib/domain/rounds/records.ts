import type { FieldEvent, Household } from '../schemas';
import type { ChipView } from './chips';
import { areaKey, areasOf, foldArea } from './disinfection';
import { foldDistribution } from './distribution';
import type { DisinfectionEvent, DistributionEvent, SurveyAnswerEvent } from './events';
import type { KindRound, Words } from './report';
import { supersededRoundIds } from './superseded';
import { foldSurvey } from './survey';

/** One volunteer's record of a household (or area) in a round, as the lead reads it. */
export interface ItemRecord {
	id: string;
	volunteer: string;
	at: string;
	receivedAt?: string;
	/** What the record says (its outcome, in words). */
	what: string;
	/** A survey's answers ("question: answer"), a reason, a note; empty when there is none. */
	detail: string[];
	/** The record the household's (area's) state comes from. */
	decides: boolean;
	/** Another device's standing record that says something else. */
	conflicting: boolean;
	/** Undone or replaced: kept in the list, struck through. */
	gone: boolean;
}

type KindEvent = DistributionEvent | SurveyAnswerEvent | DisinfectionEvent;

const view = (text: string, values: Record<string, number> = {}): Pick<ChipView, 'text' | 'values'> => ({
	text,
	values
});

/**
 * Every record of one household (or, for disinfection, one area on `day`) in a round: the
 * standing ones first (the deciding one on top), then the undone and replaced ones. Nothing a
 * volunteer recorded is left out, so a lead sees who said what where records disagree.
 */
export function itemRecords(
	round: KindRound,
	itemId: string,
	households: readonly Household[],
	events: readonly FieldEvent[],
	day: string,
	w: Words
): ItemRecord[] {
	const gone = supersededRoundIds(events);
	let mine: KindEvent[];
	let decidedId: string | undefined;
	let conflicting: Set<string>;
	let what: (e: KindEvent) => string;
	let detail: (e: KindEvent) => string[] = (e) => (e.note ? [e.note] : []);
	if (round.kind === 'disinfection') {
		const area = areasOf(households, round.definition).find((a) => a.key === itemId);
		if (!area) return [];
		const s = foldArea(area, round.definition, events, round.id, day);
		mine = events.filter(
			(e): e is DisinfectionEvent =>
				e.type === 'disinfection' && e.roundId === round.id && e.day === day && areaKey(e) === itemId
		);
		conflicting = new Set(s.conflicting.map((e) => e.id));
		what = (e) => w.state(view((e as DisinfectionEvent).outcome === 'done' ? 'record_pass' : 'area_could_not'));
		detail = (e) => {
			const d = e as DisinfectionEvent;
			return [...(d.reason ? [w.state(view(`reason_${d.reason}`))] : []), ...(d.note ? [d.note] : [])];
		};
	} else {
		const household = households.find((h) => h.id === itemId);
		if (!household) return [];
		const ofHousehold = events.filter(
			(e) => (e.type === 'distribution' || e.type === 'survey_answer') && e.householdId === itemId
		);
		if (round.kind === 'distribution') {
			const s = foldDistribution(household, round.definition, events, round.id);
			decidedId = s.decidedBy?.id;
			conflicting = new Set(s.conflicting.map((e) => e.id));
			what = (e) => {
				const d = e as DistributionEvent;
				return w.state(view(`dist_${d.outcome === 'left_at_door' ? 'left' : d.outcome}`, { quantity: d.quantity }));
			};
		} else {
			const s = foldSurvey(household, events, round.id);
			decidedId = s.decidedBy?.id;
			conflicting = new Set(s.conflicting.map((e) => e.id));
			const fields = round.definition.fields;
			what = (e) => {
				const o = (e as SurveyAnswerEvent).outcome;
				return w.state(view(`survey_${o === 'nobody_home' ? 'revisit' : o}`));
			};
			detail = (e) => {
				const a = (e as SurveyAnswerEvent).answers;
				const lines = Object.entries(a).map(
					([k, v]) => `${fields.find((f) => f.id === k)?.label ?? k}: ${w.answer(v)}`
				);
				return e.note ? [...lines, e.note] : lines;
			};
		}
		mine = ofHousehold.filter(
			(e): e is DistributionEvent | SurveyAnswerEvent =>
				e.type === (round.kind === 'distribution' ? 'distribution' : 'survey_answer') &&
				'roundId' in e &&
				e.roundId === round.id
		);
	}
	const out = mine.map((e): ItemRecord => ({
		id: e.id,
		volunteer: e.volunteer,
		at: e.at,
		receivedAt: e.receivedAt,
		what: what(e),
		detail: detail(e),
		decides: e.id === decidedId,
		conflicting: conflicting.has(e.id),
		gone: gone.has(e.id)
	}));
	const order = (r: ItemRecord) => (r.decides ? 0 : r.gone ? 2 : 1);
	return out.sort((a, b) => order(a) - order(b) || (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
}
