import { z } from 'zod';
import {
	assignmentSchema,
	deliveryOrderSchema,
	householdSchema,
	roundSchema,
	eventSchema
} from './schemas';

export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_PAGE = 2000;

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
	team: z.object({ id: z.string(), name: z.string() })
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/** Events arrive unparsed: each is validated on its own so one bad event never blocks the rest. */
export const pushRequestSchema = z.object({
	events: z.array(z.unknown()).max(MAX_PUSH_BATCH),
	/** Outbox size the device had when it sent this, shown to the lead. */
	pending: z.number().int().min(0).optional()
});

export const pushResultSchema = z.object({
	id: z.string(),
	status: z.enum(['accepted', 'duplicate', 'rejected']),
	reason: z.string().optional()
});
export type PushResult = z.infer<typeof pushResultSchema>;
export const pushResponseSchema = z.object({ results: z.array(pushResultSchema) });

export const pullQuerySchema = z.object({
	cursor: z.coerce.number().int().min(0).default(0),
	limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE).default(MAX_PULL_PAGE)
});



export const pullResponseSchema = z.object({
	cursor: z.number().int(),
	more: z.boolean(),
	households: z.array(householdSchema),
	rounds: z.array(roundSchema),
	orders: z.array(deliveryOrderSchema),
	assignments: z.array(assignmentSchema),
	events: z.array(eventSchema),
	/** Ids that the device may no longer see (reassigned or removed). */
	removedHouseholds: z.array(z.string())
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const errorResponseSchema = z.object({ error: z.string(), issues: z.array(z.string()).optional() });
