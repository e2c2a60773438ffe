import { z } from 'zod';
import { surveyFormSchema } from './definition';

/** A round id in a lead's path (/api/lead/rounds/[id]/…). */
export const roundIdParamSchema = z
	.string()
	.min(1)
	.max(64)
	.refine((s) => !s.includes('\0'), 'must not contain a NUL character');

/** PUT /api/lead/rounds/[id]/survey: the survey's whole new form. */
export const editSurveyRequestSchema = surveyFormSchema;
