import { z } from 'zod';
import { FEEDBACK, NEED_KINDS } from './kinds';

// The resident page (居民扫码) and the lead's triage list: what crosses the wire, nothing more.
// A resident never sees a name or a phone: rooms are unit/floor/room only.

const noNul = (s: string) => !s.includes('\0');
const NUL_MESSAGE = 'must not contain a NUL character';
const text = (min: number, max: number) => z.string().trim().min(min).max(max).refine(noNul, NUL_MESSAGE);

/** A building's QR token: a random secret naming one building of one team, nothing else. */
export const residentTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'not a building code');
/** The reference a resident is given: 8 characters of the invitation-code alphabet. */
export const residentRefSchema = z
	.string()
	.transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
	.pipe(z.string().regex(/^[23456789A-HJ-NP-Z]{8}$/, 'a reference number is 8 letters and digits'));

export const residentRoomSchema = z.object({ unit: z.string(), floor: z.number().int(), room: z.string() });
export type ResidentRoom = z.infer<typeof residentRoomSchema>;

export const residentPageSchema = z.object({ building: z.string(), rooms: z.array(residentRoomSchema) });
export type ResidentPage = z.infer<typeof residentPageSchema>;

export const residentAskSchema = z.object({
	unit: text(1, 32),
	room: text(1, 32),
	kind: z.enum(NEED_KINDS),
	/** What is needed, in the resident's words. */
	text: text(1, 300)
});
export type ResidentAsk = z.infer<typeof residentAskSchema>;

export const residentReceiptSchema = z.object({ ref: z.string() });

/** What a resident may learn with their reference: the state, no names. */
export const RESIDENT_STATES = [
	'received',
	'rejected',
	'accepted',
	'assigned',
	'on_the_way',
	'done',
	'cancelled'
] as const;
export type ResidentState = (typeof RESIDENT_STATES)[number];
/** A resident's own word on a done request: 满意 / 一般 / 不满意 and one sentence, once. */
export const residentRatingSchema = z.object({
	rating: z.enum(FEEDBACK),
	words: z.string().trim().max(200).refine(noNul, NUL_MESSAGE)
});
export type ResidentRating = z.infer<typeof residentRatingSchema>;
export const residentStatusSchema = z.object({
	ref: z.string(),
	kind: z.enum(NEED_KINDS),
	state: z.enum(RESIDENT_STATES),
	askedAt: z.string(),
	/** Their rating, once given (only a done request can be rated). */
	rating: residentRatingSchema.nullable()
});
export type ResidentStatus = z.infer<typeof residentStatusSchema>;

/** The lead's switch and the buildings' QR tokens. */
export const residentSettingsSchema = z.object({
	enabled: z.boolean(),
	buildings: z.array(z.object({ building: z.string(), token: z.string() }))
});
export type ResidentSettings = z.infer<typeof residentSettingsSchema>;
export const residentSwitchSchema = z.object({ enabled: z.boolean() });

export const triageItemSchema = z.object({
	id: z.string(),
	ref: z.string(),
	householdId: z.string(),
	place: z.object({ building: z.string(), unit: z.string(), room: z.string() }),
	kind: z.enum(NEED_KINDS),
	text: z.string(),
	askedAt: z.string()
});
export type TriageItem = z.infer<typeof triageItemSchema>;
export const triageListSchema = z.object({ items: z.array(triageItemSchema) });
export const triageDecisionSchema = z.object({ action: z.enum(['accept', 'reject']) });
export const triageIdSchema = z.string().min(1).max(64).refine(noNul, NUL_MESSAGE);

/** issue 10 (session 4): the lead's list of residents' ratings, by request. */
export const residentRatingsSchema = z.object({
	ratings: z.array(residentRatingSchema.extend({ needId: z.string() }))
});
