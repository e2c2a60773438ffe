import { z } from 'zod';
import { deliveryOrderSchema, roundSchema, urgencySchema } from './schemas';
import { disinfectionDefinitionSchema, distributionDefinitionSchema, surveyFormSchema } from './rounds/definition';
import { leadWriteOffSchema } from './write-off';

/** PostgreSQL text cannot hold NUL; refusing it here keeps both stores answering alike. */
const noNul = (s: string) => !s.includes('\0');
const NUL_MESSAGE = 'must not contain a NUL character';

const id = z.string().min(1).max(64).refine(noNul, NUL_MESSAGE);
const text = (min: number, max: number) => z.string().trim().min(min).max(max).refine(noNul, NUL_MESSAGE);

/** A calendar date that exists: 2026-02-30 is refused, not rolled over into March. */
const calendarDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
	.refine((d) => {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return true; // the regex has said so already
		const t = new Date(`${d}T00:00:00Z`);
		return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
	}, 'not a calendar date');

/** Every lead endpoint acts on the caller's team; an admin names another with ?team=. */
export const leadQuerySchema = z.object({ team: id.optional() });
export type LeadQuery = z.infer<typeof leadQuerySchema>;

export const deviceIdParamSchema = id;

export const leadDeviceSchema = z.object({
	id: z.string(),
	volunteer: z.string(),
	role: z.enum(['volunteer', 'lead', 'admin']),
	/** Pending devices wait for the lead's approval and receive nothing. */
	status: z.enum(['pending', 'active']),
	createdAt: z.string(),
	lastSyncAt: z.string().nullable(),
	/** Outbox size the device reported at its last push. */
	lastPending: z.number().int(),
	revokedAt: z.string().nullable(),
	/** Device clock minus the server's at its last push; null before one. */
	clockOffsetMs: z.number().nullable(),
	/** Unsent records written off with the lead's approval (its PIN forgotten) that never reached the server. */
	writtenOff: z.number().int().nonnegative(),
	/** The device's request to write off its unsent records, if it made one (issue 9). */
	writeOff: leadWriteOffSchema.nullable()
});
export type LeadDevice = z.infer<typeof leadDeviceSchema>;

export const leadDevicesResponseSchema = z.object({ devices: z.array(leadDeviceSchema) });
export const revokeResponseSchema = z.object({ device: leadDeviceSchema });
export const approveResponseSchema = revokeResponseSchema;

/**
 * A client may send its own id so that a retry after a timeout finds the round it already
 * made instead of making a second one.
 */
const roundRequestBase = { id: id.optional(), date: calendarDate };
/** A round of any kind with its definition; without a kind, a sampling round (as before kinds). */
export const createRoundRequestSchema = z.preprocess(
	(v) => (typeof v === 'object' && v !== null && !('kind' in v) ? { ...v, kind: 'sampling' } : v),
	z.discriminatedUnion('kind', [
		z.object({ ...roundRequestBase, kind: z.literal('sampling') }),
		z.object({ ...roundRequestBase, kind: z.literal('distribution'), definition: distributionDefinitionSchema }),
		z.object({ ...roundRequestBase, kind: z.literal('disinfection'), definition: disinfectionDefinitionSchema }),
		z.object({ ...roundRequestBase, kind: z.literal('survey'), definition: surveyFormSchema })
	])
);
export type CreateRoundRequest = z.infer<typeof createRoundRequestSchema>;

export const roundResponseSchema = z.object({ round: roundSchema });
export const roundsResponseSchema = z.object({ rounds: z.array(roundSchema) });

/** The lead's delivery order; the id, as for rounds, makes a retry safe. */
export const createOrderRequestSchema = z.object({
	id: id.optional(),
	householdId: id,
	items: z.array(text(1, 100)).min(1).max(30),
	urgency: urgencySchema,
	note: text(0, 500).default(''),
	/** 代购: the volunteer pays and collects the money at the door. */
	purchase: z.boolean().default(false)
});
export type CreateOrderRequest = z.infer<typeof createOrderRequestSchema>;

export const orderResponseSchema = z.object({ order: deliveryOrderSchema });

export const shiftQuerySchema = leadQuerySchema.extend({
	/** When the shift ended: a device that synced at or after it has handed its work in. */
	since: z.iso.datetime({ offset: true })
});
export type ShiftQuery = z.infer<typeof shiftQuerySchema>;

export const shiftDeviceSchema = z.object({
	id: z.string(),
	volunteer: z.string(),
	role: z.enum(['volunteer', 'lead', 'admin']),
	lastSyncAt: z.string().nullable(),
	lastPending: z.number().int(),
	syncedSinceShiftEnd: z.boolean(),
	/** Events from this device the server received since `since`. */
	eventsSince: z.number().int()
});
export type ShiftDevice = z.infer<typeof shiftDeviceSchema>;

export const shiftResponseSchema = z.object({
	/** `since`, normalised to UTC. */
	since: z.string(),
	/** Events from every device of the team received since `since`. */
	eventsSince: z.number().int(),
	/** Every device synced since `since` and reported an empty outbox then. */
	allHandedIn: z.boolean(),
	/** Devices not revoked, oldest enrolment first. */
	devices: z.array(shiftDeviceSchema)
});
export type ShiftResponse = z.infer<typeof shiftResponseSchema>;

/** GET /api/lead/quarantine: what the server refused from the team's devices, and why. */
export const quarantineResponseSchema = z.object({
	/** What the server keeps per device; older refusals beyond it are dropped. */
	limits: z.object({ rows: z.number().int(), bytes: z.number().int() }),
	devices: z.array(
		z.object({
			deviceId: z.string(),
			volunteer: z.string(),
			kept: z.number().int(),
			bytes: z.number().int(),
			lastAt: z.string()
		})
	),
	refused: z.array(
		z.object({
			eventId: z.string(),
			deviceId: z.string(),
			volunteer: z.string(),
			role: z.enum(['volunteer', 'lead', 'admin']),
			reason: z.string(),
			receivedAt: z.string()
		})
	)
});
export type QuarantineResponse = z.infer<typeof quarantineResponseSchema>;
