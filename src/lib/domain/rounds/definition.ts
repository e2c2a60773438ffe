import { z } from 'zod';

// What a round asks of each door, per kind. A sampling round needs no definition (it is what
// rounds were before kinds); every other kind carries one, set by the lead.

// NUL is refused as the lead's other text is (PostgreSQL text cannot hold it).
const label = z
	.string()
	.trim()
	.min(1)
	.max(40)
	.refine((s) => !s.includes('\0'), 'must not contain a NUL character');

/** How many items one household gets: the same for all, or so many per resident (at least one lot). */
export const quantityRuleSchema = z.discriminatedUnion('rule', [
	z.object({ rule: z.literal('fixed'), per: z.number().int().min(1).max(99) }),
	z.object({ rule: z.literal('per_resident'), per: z.number().int().min(1).max(99) })
]);
export type QuantityRule = z.infer<typeof quantityRuleSchema>;

export const distributionDefinitionSchema = z.object({
	/** What is handed out: "蔬菜包", "物资包". */
	item: label,
	quantity: quantityRuleSchema
});
export type DistributionDefinition = z.infer<typeof distributionDefinitionSchema>;

const areaList = z
	.array(label)
	.max(8)
	.refine((a) => new Set(a).size === a.length, { message: 'area names must differ' });

export const disinfectionDefinitionSchema = z
	.object({
		areas: z.object({
			/** Done on every floor of a unit: "楼道". */
			floor: areaList,
			/** Done once per unit: "大堂", "电梯", "垃圾点". */
			common: areaList
		}),
		passesPerDay: z.number().int().min(1).max(6)
	})
	.refine((d) => d.areas.floor.length + d.areas.common.length > 0, {
		message: 'name at least one area',
		path: ['areas']
	});
export type DisinfectionDefinition = z.infer<typeof disinfectionDefinitionSchema>;

export const SURVEY_FIELD_TYPES = ['yes_no', 'choice', 'number', 'text'] as const;
export type SurveyFieldType = (typeof SURVEY_FIELD_TYPES)[number];

const fieldId = z.string().regex(/^[a-z0-9_-]{1,24}$/, 'lower-case letters, digits, - or _ (at most 24)');

export const surveyFieldSchema = z.discriminatedUnion('type', [
	z.object({ id: fieldId, label, required: z.boolean(), type: z.literal('yes_no') }),
	z.object({
		id: fieldId,
		label,
		required: z.boolean(),
		type: z.literal('choice'),
		options: z
			.array(label)
			.min(2)
			.max(8)
			.refine((o) => new Set(o).size === o.length, { message: 'options must differ' })
	}),
	z
		.object({
			id: fieldId,
			label,
			required: z.boolean(),
			type: z.literal('number'),
			min: z.number().int().min(-1_000_000).max(1_000_000),
			max: z.number().int().min(-1_000_000).max(1_000_000)
		})
		.refine((f) => f.min <= f.max, { message: 'min must not exceed max', path: ['max'] }),
	z.object({ id: fieldId, label, required: z.boolean(), type: z.literal('text') })
]);
export type SurveyField = z.infer<typeof surveyFieldSchema>;

export const SURVEY_MAX_FIELDS = 12;
export const SURVEY_TEXT_MAX = 100;

export const surveyDefinitionSchema = z.object({
	/** Bumped when the form changes after the first answer arrived (see nextSurvey). */
	version: z.number().int().min(1).max(1000),
	fields: z
		.array(surveyFieldSchema)
		.min(1)
		.max(SURVEY_MAX_FIELDS)
		.refine((f) => new Set(f.map((x) => x.id)).size === f.length, { message: 'field ids must differ' })
});
export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;

/** A survey's form as the lead writes it; the server numbers its versions. */
export const surveyFormSchema = surveyDefinitionSchema.pick({ fields: true });
export type SurveyForm = z.infer<typeof surveyFormSchema>;

/** One answer's value, whatever the field: the event's shape, before the form is known. */
export const answerValueSchema = z.union([z.boolean(), z.number().int(), z.string().max(SURVEY_TEXT_MAX)]);
export type AnswerValue = z.infer<typeof answerValueSchema>;
export type Answers = Record<string, AnswerValue>;

function fieldValueSchema(f: SurveyField): z.ZodType<AnswerValue> {
	switch (f.type) {
		case 'yes_no':
			return z.boolean();
		case 'choice':
			return z.enum(f.options as [string, ...string[]]);
		case 'number':
			return z.number().int().min(f.min).max(f.max);
		case 'text':
			return z.string().trim().min(1).max(SURVEY_TEXT_MAX);
	}
}

/**
 * The zod schema for a household's answers to one version of a survey: the form's own fields,
 * each of its type, the required ones present, nothing else. Built from the definition, so the
 * device at the door and the server at push judge an answer the same way.
 */
export function answersSchema(def: SurveyDefinition): z.ZodType<Answers> {
	const shape: Record<string, z.ZodType<AnswerValue | undefined>> = {};
	for (const f of def.fields) shape[f.id] = f.required ? fieldValueSchema(f) : fieldValueSchema(f).optional();
	return z.strictObject(shape) as unknown as z.ZodType<Answers>;
}

/**
 * The form a lead's edit leads to: the same version while nobody has answered (answers made on
 * it would still fit, there are none), the next version once an answer arrived, so every
 * answer stays judged against the form it was given on.
 */
export function nextSurvey(current: SurveyDefinition, fields: SurveyField[], answered: boolean): SurveyDefinition {
	return { version: answered ? current.version + 1 : current.version, fields };
}
