import { z } from 'zod';
import { householdSchema } from '../schemas';
import { careImportSummarySchema } from '../care/api';

/** The most households one import may hold (a big community is a few thousand). */
export const MAX_ROSTER_ROWS = 20_000;
/** The request body cap for POST /api/roster: 20,000 rows of ~200 bytes each, with room to spare. */
export const MAX_ROSTER_BODY_BYTES = 8 * 1024 * 1024;

/** A household as imported: no id yet; `row` is where it stood in the lead's file. */
export const rosterHouseholdSchema = householdSchema.omit({ id: true }).extend({
	row: z.number().int().min(1).max(10_000_000)
});
export type RosterHousehold = z.infer<typeof rosterHouseholdSchema>;

/**
 * The body of POST /api/roster. Rows arrive loosely typed on purpose: the server re-validates
 * each with the same rules the browser used, so it can answer row by row, not with one zod path.
 */
export const rosterImportRequestSchema = z.object({
	households: z.array(z.record(z.string(), z.unknown())).max(MAX_ROSTER_ROWS),
	/** Answer what would change without saving anything. */
	dryRun: z.boolean().optional()
});
export type RosterImportRequest = z.infer<typeof rosterImportRequestSchema>;

export const rosterProblemSchema = z.object({
	row: z.number(),
	field: z.string().nullable(),
	code: z.string(),
	severity: z.enum(['error', 'warning']),
	message: z.string(),
	messageEn: z.string(),
	value: z.string().optional(),
	otherRow: z.number().optional()
});

/** 200: what the import did (or, for a dry run, would do). */
export const rosterImportResponseSchema = z.object({
	dryRun: z.boolean(),
	created: z.number().int(),
	updated: z.number().int(),
	unchanged: z.number().int(),
	/** The team's households the file does not list; kept, never deleted by an import. */
	notInRoster: z.number().int(),
	/** Warnings the server found (errors would have made it a 400). */
	problems: z.array(rosterProblemSchema),
	// issue 11: people the tags put on the care ledger, and where file and ledger disagree.
	care: careImportSummarySchema.optional()
});
export type RosterImportResponse = z.infer<typeof rosterImportResponseSchema>;

/** 400 with row problems: nothing was saved. */
export const rosterRejectedResponseSchema = z.object({
	error: z.string(),
	problems: z.array(rosterProblemSchema)
});
export type RosterRejectedResponse = z.infer<typeof rosterRejectedResponseSchema>;
