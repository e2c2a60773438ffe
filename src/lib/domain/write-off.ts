import { z } from 'zod';
import { WRITE_OFF_MAX_IDS } from './constants';

// The batch limit is a plain value in ./constants (no zod); re-exported so existing imports keep working.
export { WRITE_OFF_MAX_IDS } from './constants';

/**
 * A device whose PIN is forgotten cannot open what it has not sent. It asks its lead to approve
 * the loss: it sends the unsent records' ids (the outbox's keys, kept in clear), never what they
 * hold — the device cannot read that, and the request names no resident. The records stay on
 * the phone, sealed, until the lead approves (then they are erased) or they reach the server
 * after all (the volunteer remembers the PIN).
 */
const eventId = z
	.string()
	.min(1)
	.max(64)
	.refine((s) => !s.includes('\0'), 'must not contain a NUL character');

export const writeOffRequestSchema = z.object({
	ids: z.array(eventId).max(WRITE_OFF_MAX_IDS),
	/**
	 * The last batch: the request goes to the lead and the device's token is retired with it
	 * (it may still hand in, never read; the volunteer enrols again as a new device).
	 */
	last: z.boolean()
});
export type WriteOffRequest = z.infer<typeof writeOffRequestSchema>;

export const writeOffResponseSchema = z.object({
	/** Ids the server does not hold: recorded on the phone, now waiting for the lead's decision. */
	lost: z.number().int().nonnegative(),
	/** Ids the server already had (their acknowledgement never reached the phone): not lost. */
	alreadyIn: z.number().int().nonnegative()
});
export type WriteOffResponse = z.infer<typeof writeOffResponseSchema>;

export const writeOffDecisions = ['pending', 'approved', 'refused'] as const;
export type WriteOffDecision = (typeof writeOffDecisions)[number];

/** What the old device (its token, hand-in only) learns of its request. */
export const writeOffStatusSchema = z.object({
	status: z.enum(['none', ...writeOffDecisions]),
	decidedAt: z.string().nullable()
});
export type WriteOffStatus = z.infer<typeof writeOffStatusSchema>;

/** The lead's answer: approve the loss, or refuse it (the phone keeps the records). */
export const writeOffDecisionSchema = z.object({ approve: z.boolean() });

/** How the lead sees a device's request on the devices screen. */
export const leadWriteOffSchema = z.object({
	status: z.enum(writeOffDecisions),
	/** Records named in the request that have still not reached the server. */
	unsent: z.number().int().nonnegative(),
	askedAt: z.string(),
	decidedAt: z.string().nullable()
});
export type LeadWriteOff = z.infer<typeof leadWriteOffSchema>;
