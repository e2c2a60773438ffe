import { z } from 'zod';
import { AGE_BANDS, CARE_DUTIES, CHECK_RESULTS, MOBILITIES } from './constants';

const id = z.string().min(1).max(64);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const medicineSchema = z.object({
	name: z.string().min(1).max(64),
	/** Days one refill lasts (a month's 特病药 is 30). */
	refillDays: z.number().int().min(1).max(365)
});

export const contactSchema = z.object({
	name: z.string().max(64),
	phone: z.string().max(32),
	relation: z.string().max(32)
});

/** One person who needs care, as the ledger holds them. */
export const carePersonSchema = z.object({
	name: z.string().min(1).max(64),
	ageBand: z.enum(AGE_BANDS),
	/** Fixed categories (CARE_CATEGORIES) and free ones, each once. */
	categories: z.array(z.string().min(1).max(32)).max(10),
	phone: z.string().max(32),
	medicines: z.array(medicineSchema).max(20),
	mobility: z.enum(MOBILITIES),
	dialect: z.string().max(32),
	contact: contactSchema,
	note: z.string().max(500)
});
export type CarePerson = z.infer<typeof carePersonSchema>;
export type CareField = keyof CarePerson;

/** A person's check-in plan; all off is no plan. */
export const carePlanSchema = z.object({
	callDaily: z.boolean(),
	visitEveryDays: z.number().int().min(1).max(90).nullable(),
	refillEveryDays: z.number().int().min(1).max(365).nullable(),
	/** The first refill day (Asia/Shanghai); null: due from the day the plan is set. */
	refillFrom: day.nullable(),
	/** Remind the day before each sampling round (for people who cannot go downstairs). */
	samplingReminder: z.boolean()
});
export type CarePlan = z.infer<typeof carePlanSchema>;

/** The fields every care event carries besides the common event fields. */
const about = { personId: id, householdId: id };

/**
 * The care events, built on the common event fields that schemas.ts owns (passed in, so the two
 * files do not import each other). schemas.ts adds each to the one event union.
 */
export const careEventSchemas = <B extends z.ZodRawShape>(base: B) => ({
	person: z.object({
		...base,
		...about,
		type: z.literal('care_person'),
		person: carePersonSchema,
		/** Set only by the server's roster import; a device that sends it is refused. */
		fromRoster: z.literal(true).optional()
	}),
	correct: z.object({
		...base,
		...about,
		type: z.literal('care_correct'),
		/** Only the fields changed; each one is folded on its own. */
		fields: carePersonSchema.partial().refine((f) => Object.keys(f).length > 0, 'name at least one field'),
		fromRoster: z.literal(true).optional()
	}),
	pair: z.object({
		...base,
		...about,
		type: z.literal('care_pair'),
		/** The volunteer's device; null unpairs. */
		pairedDeviceId: id.nullable(),
		pairedName: z.string().max(64)
	}),
	plan: z.object({ ...base, ...about, type: z.literal('care_plan'), plan: carePlanSchema }),
	check: z.object({
		...base,
		...about,
		type: z.literal('care_check'),
		duty: z.enum(CARE_DUTIES),
		result: z.enum(CHECK_RESULTS),
		note: z.string().max(500),
		/** The needs desk's request this check-in started ("needs something", a refill handed over). */
		needId: id.optional()
	})
});
