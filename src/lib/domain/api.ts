import { z } from 'zod';
import { assignmentSchema, deliveryOrderSchema, householdSchema, roundSchema, eventSchema } from './schemas';
import { lockRulesSchema } from './lock-rules';

export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_PAGE = 2000;
/** A device's outbox size as it reports it; far above any shift, far below PostgreSQL's INTEGER. */
export const MAX_PENDING = 1_000_000;

export const enrolRequestSchema = z.object({
	code: z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z0-9]{4,12}$/, 'enrolment code: 4–12 letters or digits'),
	volunteer: z.string().trim().min(1, 'volunteer name is required').max(64)
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

export const enrolResponseSchema = z.object({
	deviceId: z.string(),
	token: z.string(),
	volunteer: z.string(),
	role: z.enum(['volunteer', 'lead', 'admin']),
	/** Pending: waiting for the lead's approval (older sessions have none: active). */
	status: z.enum(['pending', 'active']).default('active'),
	team: z.object({ id: z.string(), name: z.string() })
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/** Events arrive unparsed: each is validated on its own so one bad event never blocks the rest. */
export const pushRequestSchema = z.object({
	events: z.array(z.unknown()).max(MAX_PUSH_BATCH),
	/** Outbox size the device had when it sent this, shown to the lead. */
	pending: z.number().int().min(0).max(MAX_PENDING).optional(),
	/** The device's clock when it sent this: the lead is told when it is wrong. */
	clock: z.iso.datetime({ offset: true }).optional()
});

export const pushResultSchema = z.object({
	id: z.string(),
	status: z.enum(['accepted', 'duplicate', 'rejected']),
	reason: z.string().optional()
});
export type PushResult = z.infer<typeof pushResultSchema>;
export const pushResponseSchema = z.object({ results: z.array(pushResultSchema) });

/**
 * `scope` is the value the previous page answered with: the version of what this device may
 * see. The server compares it with the device's current scope and asks for a full resync when
 * they differ (see `pull` on the server for every rule). A client that never stored one sends 0.
 */
export const pullQuerySchema = z.object({
	cursor: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
	limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE).default(MAX_PULL_PAGE),
	scope: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
	/** The round kinds the device knows, comma-separated (issue 12); absent from builds before them. */
	kinds: z.string().max(200).optional()
});

/**
 * Why the server will not continue from the device's cursor:
 * - `cursor-ahead`: the cursor is beyond anything this store wrote (the store was reset or
 *   restored from an older backup);
 * - `cursor-expired`: the changes after the cursor were compacted away;
 * - `scope-changed`: since the device last pulled, the lead assigned or removed buildings or
 *   units for it, or a roster import moved a household out of its area (to another floor), so
 *   rows older than its cursor became visible and others stopped being.
 */
export const RESYNC_REASONS = ['cursor-ahead', 'cursor-expired', 'scope-changed'] as const;
export type ResyncReason = (typeof RESYNC_REASONS)[number];

export const pullResponseSchema = z.object({
	cursor: z.number().int().min(0),
	more: z.boolean(),
	/**
	 * The store's identity. A device keeps it with its cursor; when it changes (the store was
	 * restored from a backup) the device pushes its own events again and pulls afresh from 0.
	 */
	epoch: z.string().min(1).max(64),
	/** The device's scope version this page was read under; send it back with the next pull. */
	scope: z.number().int().min(0),
	/** The team's lock rules (issue 9), on every page: the PIN's least length and the lock's minutes. */
	lock: lockRulesSchema.optional(),
	/**
	 * Present only on a "full resync" answer, whose lists are empty: drop the pulled copy
	 * (reference data and pulled events) but keep the outbox and its events, then pull from 0.
	 */
	resync: z.enum(RESYNC_REASONS).optional(),
	households: z.array(householdSchema),
	rounds: z.array(roundSchema),
	orders: z.array(deliveryOrderSchema),
	assignments: z.array(assignmentSchema),
	events: z.array(eventSchema),
	/**
	 * Ids that the device may no longer see. The server sends scope changes as a resync
	 * instead, so this stays empty today; clients still honour it.
	 */
	removedHouseholds: z.array(z.string()),
	/**
	 * Doors of other communities whose requests the street office passed to this team
	 * (server/needs/foreign-door.ts): door and head's phone only, to the lead and the holder.
	 * Apart from `households` so they never count in the team's roster, rounds or coverage; a
	 * build from before them drops the unknown list and shows such a request by its place.
	 */
	foreignDoors: z.array(householdSchema).default([])
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const errorResponseSchema = z.object({ error: z.string(), issues: z.array(z.string()).optional() });

/** POST /api/assignments: give a volunteer device a whole building (unit null) or one unit. */
export const assignRequestSchema = z
	.object({
		deviceId: z.string().min(1).max(64),
		building: z.string().trim().min(1).max(32),
		unit: z.string().trim().min(1).max(32).nullable().default(null),
		floor: z.number().int().min(-10).max(200).nullable().default(null)
	})
	.refine((a) => a.floor === null || a.unit !== null, {
		message: 'a floor is assigned within a unit: name the unit too',
		path: ['floor']
	});
export type AssignRequest = z.infer<typeof assignRequestSchema>;

/** An assignment as the lead's screen lists it. */
export const assignmentViewSchema = assignmentSchema.extend({
	volunteer: z.string(),
	assignedAt: z.string()
});
export type AssignmentView = z.infer<typeof assignmentViewSchema>;

export const assignmentListResponseSchema = z.object({ assignments: z.array(assignmentViewSchema) });
export const assignResponseSchema = z.object({ assignment: assignmentViewSchema, created: z.boolean() });
export const unassignResponseSchema = z.object({ id: z.string(), alreadyRemoved: z.boolean() });
