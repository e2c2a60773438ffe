import type { NeedKind } from './kinds';

/**
 * What a volunteer can do besides walking stairs, kept by the lead: 会开车, 医护, 维修, 心理,
 * 方言, and any free words the lead types (上海话, 轮椅, 手语 …). Preset ids are stable and
 * named through i18n (`needs.skill.<id>`); free ones are stored as typed.
 */
export const PRESET_SKILLS = ['driver', 'medical', 'repair', 'counselling', 'dialect'] as const;
export type PresetSkill = (typeof PRESET_SKILLS)[number];

/** The preset skills a kind of request calls for (none: anyone can buy groceries). */
export const KIND_SKILLS: Record<NeedKind, readonly PresetSkill[]> = {
	medicine: ['medical'],
	special_medicine: ['driver', 'medical'],
	infant: [],
	shopping: [],
	escort: ['driver', 'medical'],
	repair: ['repair'],
	counselling: ['counselling'],
	other: []
};

export const MAX_SKILLS = 12;
export const MAX_SKILL_LENGTH = 20;

/** Tidies what the lead typed: trimmed, no empties or repeats, at most MAX_SKILLS. */
export function tidySkills(skills: readonly string[]): string[] {
	const out: string[] = [];
	for (const s of skills) {
		const t = s.trim().slice(0, MAX_SKILL_LENGTH);
		if (t && !out.includes(t)) out.push(t);
	}
	return out.slice(0, MAX_SKILLS);
}

/**
 * The skills of a volunteer that fit a request: the presets its kind calls for, and any free
 * skill whose words appear in what was asked (a note saying 只会说上海话 finds 上海话).
 */
export function fittingSkills(
	skills: readonly string[],
	need: { kind: NeedKind; items: readonly string[]; note: string }
): string[] {
	const wanted = KIND_SKILLS[need.kind] as readonly string[];
	const text = [...need.items, need.note].join(' ');
	return skills.filter((s) =>
		(PRESET_SKILLS as readonly string[]).includes(s) ? wanted.includes(s) : text.includes(s)
	);
}
