import { z } from 'zod';
import { MAX_SKILL_LENGTH, MAX_SKILLS } from './skills';

const noNul = (s: string) => !s.includes('\0');

/** Every volunteer's skills in the team, by device. */
export const teamSkillsSchema = z.object({ skills: z.record(z.string(), z.array(z.string())) });
export type TeamSkills = z.infer<typeof teamSkillsSchema>;

/** The lead sets one volunteer's skills (the whole list; empty clears it). */
export const setSkillsSchema = z.object({
	deviceId: z.string().min(1).max(64).refine(noNul, 'must not contain a NUL character'),
	skills: z
		.array(z.string().trim().min(1).max(MAX_SKILL_LENGTH).refine(noNul, 'must not contain a NUL character'))
		.max(MAX_SKILLS)
});
