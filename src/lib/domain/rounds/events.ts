import { z } from 'zod';
import { answerValueSchema, SURVEY_MAX_FIELDS } from './definition';
import { eventBase, id } from './event-base';
import { DISINFECTION_OUTCOMES, DISINFECTION_REASONS, DISTRIBUTION_OUTCOMES, SURVEY_OUTCOMES } from './kinds';

// Events of the non-sampling rounds. Sampling keeps `visit` exactly as it was; a household's
// distribution or survey record is undone with the same `void` event as a visit.

// The outcomes are plain values in ./kinds (no zod, for the grid's first paint); re-exported
// here so existing imports keep working.
export {
	DISINFECTION_OUTCOMES,
	DISINFECTION_REASONS,
	DISTRIBUTION_OUTCOMES,
	SURVEY_OUTCOMES,
	type DistributionOutcome,
	type SurveyOutcome
} from './kinds';

const note = z.string().max(500);
const replaces = z.array(id).max(50);
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const distributionEventSchema = z.object({
	...eventBase,
	type: z.literal('distribution'),
	householdId: id,
	roundId: id,
	outcome: z.enum(DISTRIBUTION_OUTCOMES),
	/** Items handed over (or left at the door); 0 when nothing was. */
	quantity: z.number().int().min(0).max(999),
	note,
	replaces,
	/** photos (issues 10, 12): a parcel left at the door, photographed; sent on its own after the event. */
	photoId: z.uuid().optional()
});

export const surveyAnswerEventSchema = z
	.object({
		...eventBase,
		type: z.literal('survey_answer'),
		householdId: id,
		roundId: id,
		/** The version of the round's form the answers were given on. */
		version: z.number().int().min(1).max(1000),
		outcome: z.enum(SURVEY_OUTCOMES),
		/** Field id → value; checked against that version of the form where the form is known. */
		answers: z
			.record(z.string().max(24), answerValueSchema)
			.refine((a) => Object.keys(a).length <= SURVEY_MAX_FIELDS, { message: 'too many answers' }),
		note,
		replaces
	})
	.refine((e) => e.outcome === 'answered' || Object.keys(e.answers).length === 0, {
		message: 'only an answered survey carries answers',
		path: ['answers']
	});

/** Where a disinfection area is: a floor of a unit (floor set) or the unit's common area (floor null). */
const areaPlace = {
	roundId: id,
	building: z.string().min(1).max(32),
	unit: z.string().min(1).max(32),
	floor: z.number().int().min(-10).max(200).nullable(),
	area: z.string().min(1).max(40)
};

export const disinfectionEventSchema = z
	.object({
		...eventBase,
		type: z.literal('disinfection'),
		...areaPlace,
		/** The device's local calendar day the pass counts for: passes are per day. */
		day: calendarDate,
		outcome: z.enum(DISINFECTION_OUTCOMES),
		reason: z.enum(DISINFECTION_REASONS).optional(),
		note
	})
	.refine((e) => (e.outcome === 'could_not') === (e.reason !== undefined), {
		message: 'a reason goes with "could not", and only with it',
		path: ['reason']
	});

/** Undoes disinfection records of one area (a pass counts per record, so undo names them). */
export const disinfectionVoidEventSchema = z.object({
	...eventBase,
	type: z.literal('disinfection_void'),
	...areaPlace,
	voids: z.array(id).min(1).max(50)
});

export type DistributionEvent = z.infer<typeof distributionEventSchema>;
export type SurveyAnswerEvent = z.infer<typeof surveyAnswerEventSchema>;
export type DisinfectionEvent = z.infer<typeof disinfectionEventSchema>;
export type DisinfectionVoidEvent = z.infer<typeof disinfectionVoidEventSchema>;
export type RoundKindEvent = DistributionEvent | SurveyAnswerEvent | DisinfectionEvent | DisinfectionVoidEvent;

/** The event types each kind's work is recorded with (sampling: visit, in ../schemas). */
export const EVENT_TYPES_OF_KIND = {
	sampling: ['visit'],
	distribution: ['distribution'],
	disinfection: ['disinfection', 'disinfection_void'],
	survey: ['survey_answer']
} as const;
