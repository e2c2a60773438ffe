import type { ChipView } from '$lib/domain/rounds/chips';
import type { AnswerValue } from '$lib/domain/rounds/definition';
import type { Words } from '$lib/domain/rounds/report';
import type { FieldEvent, Household } from '$lib/domain/schemas';
import { db } from '../db';
import { live } from '../live.svelte';

/** The records a lead's view of a round of the other kinds folds (undo of a household record is `void`). */
const ROUND_RECORD_TYPES = ['distribution', 'survey_answer', 'disinfection', 'disinfection_void', 'void'];

/**
 * Every household and every round-kind record on this device, following each commit: what the
 * round's page, the shift screen and the export screen fold with `roundReport`. Call from setup.
 */
export function liveRoundRecords(): {
	readonly households: Household[] | undefined;
	readonly events: FieldEvent[] | undefined;
} {
	const households = live(() => db.households.toArray());
	const events = live(() => db.events.where('type').anyOf(ROUND_RECORD_TYPES).toArray());
	return {
		get households() {
			return households.value;
		},
		get events() {
			return events.value;
		}
	};
}

type Translate = (key: string, options?: { values?: Record<string, number> }) => string;

/** The words of a round's report and export, in the screen's language (`$_`). */
export const roundWords = (t: Translate): Words => ({
	col: (key) => t(`rounds.col_${key}`),
	state: (c: Pick<ChipView, 'text' | 'values'>) => t(`rounds.${c.text}`, { values: c.values }),
	answer: (v: AnswerValue) => (v === true ? t('rounds.yes') : v === false ? t('rounds.no') : String(v))
});
