import { z } from 'zod';
import { careEventSchemas } from './care/schemas';
import { DELIVERY_FAIL_REASONS, EVENT_SCHEMA_VERSION, URGENCIES, VISIT_OUTCOMES } from './constants';
import { needEventSchemas } from './needs/events';
import {
	disinfectionDefinitionSchema,
	distributionDefinitionSchema,
	surveyDefinitionSchema
} from './rounds/definition';
import { UNSUPPORTED_KIND } from './rounds/kinds';
import {
	disinfectionEventSchema,
	disinfectionVoidEventSchema,
	distributionEventSchema,
	surveyAnswerEventSchema
} from './rounds/events';

// The plain values live in ./constants (no zod, for the screens' first paint); re-exported
// here so existing imports keep working.
export {
	DELIVERY_FAIL_REASONS,
	EVENT_SCHEMA_VERSION,
	URGENCIES,
	VISIT_OUTCOMES,
	VULNERABLE_TAGS,
	type Urgency,
	type VisitOutcome
} from './constants';

const id = z.string().min(1).max(64);
const isoTime = z.iso.datetime({ offset: true });

export const householdSchema = z.object({
	id,
	building: z.string().min(1).max(32),
	unit: z.string().min(1).max(32),
	floor: z.number().int().min(-10).max(200),
	room: z.string().min(1).max(32),
	head: z.string().max(64),
	phone: z.string().max(32),
	residents: z.number().int().min(0).max(99),
	tags: z.array(z.string().max(32)).max(20),
	note: z.string().max(500)
});
export type Household = z.infer<typeof householdSchema>;

const roundBase = { id, date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), active: z.boolean() };
/** A round of work over the team's doors; its kind says what each door (or area) is asked. */
export const roundSchema = z.discriminatedUnion('kind', [
	z.object({ ...roundBase, kind: z.literal('sampling') }),
	z.object({ ...roundBase, kind: z.literal('distribution'), definition: distributionDefinitionSchema }),
	z.object({ ...roundBase, kind: z.literal('disinfection'), definition: disinfectionDefinitionSchema }),
	z.object({ ...roundBase, kind: z.literal('survey'), definition: surveyDefinitionSchema }),
	z.object({ ...roundBase, kind: z.literal(UNSUPPORTED_KIND) })
]);
export type Round = z.infer<typeof roundSchema>;

export const urgencySchema = z.enum(URGENCIES);

export const deliveryOrderSchema = z.object({
	id,
	householdId: id,
	items: z.array(z.string().min(1).max(100)).min(1).max(30),
	urgency: urgencySchema,
	note: z.string().max(500),
	/** 代购: the volunteer pays and collects money at the door. */
	purchase: z.boolean()
});
export type DeliveryOrder = z.infer<typeof deliveryOrderSchema>;

export const visitOutcomeSchema = z.enum(VISIT_OUTCOMES);

const eventBase = {
	id,
	v: z.union([z.literal(EVENT_SCHEMA_VERSION), z.literal(EVENT_SCHEMA_VERSION - 1)]).optional(),
	deviceId: id,
	/** On the server and in pulled events, the enrolled name of the device (not what it sent). */
	volunteer: z.string().min(1).max(64),
	at: isoTime,
	/** Set by the server when it stored the event; a device never sends it (the server drops it). */
	receivedAt: isoTime.optional()
};

export const visitEventSchema = z
	.object({
		...eventBase,
		type: z.literal('visit'),
		householdId: id,
		roundId: id,
		outcome: visitOutcomeSchema,
		/** People sampled so far in this household for this round. */
		sampled: z.number().int().min(0).max(99),
		residents: z.number().int().min(0).max(99),
		tube: z.string().max(40),
		note: z.string().max(500),
		/** Earlier events this one corrects: they stop counting. */
		replaces: z.array(id).max(50)
	})
	.refine((e) => e.sampled <= e.residents, {
		message: 'sampled must not exceed residents',
		path: ['sampled']
	});

export const voidEventSchema = z.object({
	...eventBase,
	type: z.literal('void'),
	householdId: id,
	/** Events undone by this one. */
	voids: z.array(id).min(1).max(50)
});

export const deliveryRequestEventSchema = z.object({
	...eventBase,
	type: z.literal('delivery_request'),
	order: deliveryOrderSchema
});

export const deliveryOutcomeEventSchema = z.object({
	...eventBase,
	type: z.literal('delivery_outcome'),
	orderId: id,
	outcome: z.enum(['delivered', 'failed']),
	reason: z.enum(DELIVERY_FAIL_REASONS).optional(),
	/** Money collected at the door for 代购, in fen (integer, no float drift). */
	collectedFen: z.number().int().min(0).max(10_000_000),
	note: z.string().max(500)
});

// issue 11: the care ledger's events (src/lib/domain/care).
const care = careEventSchemas(eventBase);

export const eventSchema = z.discriminatedUnion('type', [
	visitEventSchema,
	voidEventSchema,
	deliveryRequestEventSchema,
	deliveryOutcomeEventSchema,
	care.person,
	care.correct,
	care.pair,
	care.plan,
	care.check,
	...needEventSchemas(eventBase),
	distributionEventSchema,
	surveyAnswerEventSchema,
	disinfectionEventSchema,
	disinfectionVoidEventSchema
]);
export type FieldEvent = z.infer<typeof eventSchema>;
export type VisitEvent = z.infer<typeof visitEventSchema>;
export type VoidEvent = z.infer<typeof voidEventSchema>;
export type DeliveryRequestEvent = z.infer<typeof deliveryRequestEventSchema>;
export type DeliveryOutcomeEvent = z.infer<typeof deliveryOutcomeEventSchema>;
export type NeedEvent = Extract<FieldEvent, { needId: string }>;

/** Assigned area: a whole building, or one unit of it. */
export const assignmentSchema = z.object({
	id,
	deviceId: id,
	building: z.string().min(1).max(32),
	unit: z.string().max(32).nullable(),
	/** One floor of the unit; null for the whole unit (or building). */
	floor: z.number().int().min(-10).max(200).nullable().default(null)
});
export type Assignment = z.infer<typeof assignmentSchema>;
