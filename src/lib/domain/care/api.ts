import { z } from 'zod';

/** Where a re-imported roster file and the ledger disagree: the ledger's value was kept. */
export const careDisagreementSchema = z.object({
	personId: z.string(),
	householdId: z.string(),
	field: z.enum(['name', 'categories']),
	file: z.string(),
	ledger: z.string()
});

/** What a roster import did to the care ledger. */
export const careImportSummarySchema = z.object({
	added: z.number().int(),
	updated: z.number().int(),
	disagreements: z.array(careDisagreementSchema)
});
export type CareImportSummary = z.infer<typeof careImportSummarySchema>;
