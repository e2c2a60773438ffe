import { z } from 'zod';

/**
 * A device whose PIN is forgotten cannot open what it has not sent. Before it erases itself it
 * tells the server which records are lost: their ids only (the outbox's keys, kept in clear),
 * never what they hold — the device cannot read that, and the notice names no resident.
 */
export const WRITE_OFF_MAX_IDS = 1000;

const eventId = z
	.string()
	.min(1)
	.max(64)
	.refine((s) => !s.includes('\0'), 'must not contain a NUL character');

export const writeOffRequestSchema = z.object({
	ids: z.array(eventId).max(WRITE_OFF_MAX_IDS),
	/** The last batch: the device's token is retired with it (it enrols again as a new device). */
	last: z.boolean()
});
export type WriteOffRequest = z.infer<typeof writeOffRequestSchema>;

export const writeOffResponseSchema = z.object({
	/** Ids the server does not hold: recorded on the phone and lost with it. */
	lost: z.number().int().nonnegative(),
	/** Ids the server already had (their acknowledgement never reached the phone): not lost. */
	alreadyIn: z.number().int().nonnegative()
});
export type WriteOffResponse = z.infer<typeof writeOffResponseSchema>;
