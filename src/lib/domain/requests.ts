import type { Urgency } from './constants';

/**
 * The items a volunteer can tap when a resident asks for something at the door. The screen
 * keys them by these ids and writes their names in the volunteer's language only when the
 * request is saved, so switching language never loses or doubles a choice.
 */
export const QUICK_ITEMS = ['water', 'vegetables', 'medicine', 'formula', 'rice', 'eggs'] as const;
export type QuickItem = (typeof QUICK_ITEMS)[number];

/** What choosing an item implies: medicine goes first; formula means an infant is waiting. */
const IMPLIES: Partial<Record<QuickItem, Urgency>> = { medicine: 'medicine', formula: 'infant' };

/** The more urgent of two urgencies (medicine, then infant, then normal). */
const moreUrgent = (a: Urgency, b: Urgency): Urgency =>
	a === 'medicine' || b === 'medicine' ? 'medicine' : a === 'infant' || b === 'infant' ? 'infant' : 'normal';

/**
 * The urgency after the volunteer picks `item`: raised to what the item implies, never lowered
 * (taking an item off leaves the urgency as the volunteer last saw it; they can change it).
 */
export function urgencyAfterPicking(item: QuickItem, current: Urgency): Urgency {
	const implied = IMPLIES[item];
	return implied ? moreUrgent(implied, current) : current;
}

/** Adds or removes one quick item, keeping the order they are shown in. */
export function toggleQuick(chosen: readonly QuickItem[], item: QuickItem): QuickItem[] {
	const next = chosen.includes(item) ? chosen.filter((i) => i !== item) : [...chosen, item];
	return QUICK_ITEMS.filter((i) => next.includes(i));
}

/**
 * The order's items as saved: the quick items by name, then what was typed, without repeats
 * (a typed "药品" next to the medicine button is one item).
 */
export function requestItems(
	chosen: readonly QuickItem[],
	name: (item: QuickItem) => string,
	typed: readonly string[]
): string[] {
	const out: string[] = [];
	for (const item of [...chosen.map(name), ...typed]) {
		const v = item.trim();
		if (v && !out.includes(v)) out.push(v);
	}
	return out;
}
