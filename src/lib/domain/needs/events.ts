import { z } from 'zod';
import { URGENCIES } from '../constants';
import { FEEDBACK, NEED_CHANNELS, NEED_KINDS, NOT_DONE_REASONS } from './kinds';

const id = z.string().min(1).max(64);
const isoTime = z.iso.datetime({ offset: true });
const note = z.string().max(500);

/**
 * Every need event names its need and that need's household: the household is how the server
 * decides who receives it (pull scope) and how a device keys it (an indexed, clear field).
 * `base` is the event envelope from schemas.ts (id, v, deviceId, volunteer, at, receivedAt).
 */
export function needEventSchemas<B extends z.ZodRawShape>(base: B) {
	const about = { ...base, needId: id, householdId: id };
	return [
		/** A request taken: at the door, at the desk, or from the resident page. */
		z.object({
			...about,
			type: z.literal('need_created'),
			kind: z.enum(NEED_KINDS),
			items: z.array(z.string().min(1).max(100)).max(30),
			urgency: z.enum(URGENCIES),
			channel: z.enum(NEED_CHANNELS),
			/** When the resident asked (a phone call taken before it was typed in). */
			askedAt: isoTime,
			/**
			 * Where the door is, as the roster says: a volunteer outside the household's area receives
			 * the request with this and nothing of who lives there (see server/needs/scope.ts).
			 */
			place: z.object({
				building: z.string().min(1).max(32),
				unit: z.string().min(1).max(32),
				room: z.string().min(1).max(32)
			}),
			note
		}),
		/** The lead hands it to a volunteer, or to the team pool (`to` null); also re-dispatch. */
		z.object({
			...about,
			type: z.literal('need_dispatched'),
			to: z.object({ deviceId: id, name: z.string().min(1).max(64) }).nullable()
		}),
		/** 接单: a volunteer takes it from the pool, offline too. */
		z.object({ ...about, type: z.literal('need_claimed') }),
		z.object({ ...about, type: z.literal('need_on_the_way') }),
		z.object({
			...about,
			type: z.literal('need_done'),
			/** What was brought, if it differs from what was asked. */
			items: z.array(z.string().min(1).max(100)).max(30),
			/** Money collected at the door for 代购, in fen. */
			collectedFen: z.number().int().min(0).max(10_000_000),
			/** The resident's word at the door; the sentence is the note. */
			feedback: z.enum(FEEDBACK).nullable(),
			note,
			/** photos (issues 10, 12): the receipt's photo, sent on its own after the event. */
			photoId: z.uuid().optional()
		}),
		z.object({ ...about, type: z.literal('need_not_done'), reason: z.enum(NOT_DONE_REASONS), note }),
		/** Only the lead cancels (the resident no longer needs it, or it was spam). */
		z.object({ ...about, type: z.literal('need_cancelled'), note }),
		/** The lead hands it up to the street office, keeping its history. */
		z.object({ ...about, type: z.literal('need_escalated'), note })
	] as const;
}

export const NEED_EVENT_TYPES = [
	'need_created',
	'need_dispatched',
	'need_claimed',
	'need_on_the_way',
	'need_done',
	'need_not_done',
	'need_cancelled',
	'need_escalated'
] as const;
export type NeedEventType = (typeof NEED_EVENT_TYPES)[number];

/** Event types only a lead (or the street office) may record. */
export const LEAD_ONLY: readonly NeedEventType[] = ['need_dispatched', 'need_cancelled', 'need_escalated'];
/** Event types only the one who holds the need records. */
export const HOLDER_ONLY: readonly NeedEventType[] = ['need_on_the_way', 'need_done', 'need_not_done'];
