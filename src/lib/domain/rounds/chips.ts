import type { AreaStatus } from './disinfection';
import type { DistributionStatus } from './distribution';
import type { SurveyStatus } from './survey';

/** The chip colours the sampling grid already uses; colour and symbol both carry the state. */
export type Tone = 'todo' | 'done' | 'partial' | 'revisit' | 'refused' | 'not_living';

/** How a household's or an area's chip shows its status: an i18n key under `rounds.` with values. */
export interface ChipView {
	tone: Tone;
	symbol: string;
	text: string;
	values: Record<string, number>;
	missing: boolean;
	conflict: boolean;
}

export function distributionChip(s: DistributionStatus): ChipView {
	const conflict = s.conflicting.length > 0;
	const values = { quantity: s.quantity };
	switch (s.state) {
		case 'delivered':
			return { tone: 'done', symbol: '✓', text: 'dist_delivered', values, missing: false, conflict };
		case 'left':
			return { tone: 'done', symbol: '⌂', text: 'dist_left', values, missing: false, conflict };
		case 'refused':
			return { tone: 'refused', symbol: '✕', text: 'dist_refused', values, missing: true, conflict };
		case 'not_living':
			return { tone: 'not_living', symbol: '∅', text: 'dist_not_living', values, missing: false, conflict };
		case 'todo':
			return { tone: 'todo', symbol: '·', text: 'dist_todo', values, missing: true, conflict };
	}
}

export function surveyChip(s: SurveyStatus): ChipView {
	const conflict = s.conflicting.length > 0;
	const v = {};
	switch (s.state) {
		case 'answered':
			return { tone: 'done', symbol: '✓', text: 'survey_answered', values: v, missing: false, conflict };
		case 'revisit':
			return { tone: 'revisit', symbol: '⟲', text: 'survey_revisit', values: v, missing: true, conflict };
		case 'refused':
			return { tone: 'refused', symbol: '✕', text: 'survey_refused', values: v, missing: true, conflict };
		case 'not_living':
			return { tone: 'not_living', symbol: '∅', text: 'survey_not_living', values: v, missing: false, conflict };
		case 'todo':
			return { tone: 'todo', symbol: '·', text: 'survey_todo', values: v, missing: true, conflict };
	}
}

export function areaChip(s: AreaStatus): ChipView {
	const conflict = s.conflicting.length > 0;
	const values = { passes: s.passes, required: s.required };
	switch (s.state) {
		case 'done':
			return { tone: 'done', symbol: '✓', text: 'area_done', values, missing: false, conflict };
		case 'partial':
			return { tone: 'partial', symbol: '◐', text: 'area_partial', values, missing: true, conflict };
		case 'could_not':
			return { tone: 'refused', symbol: '✕', text: 'area_could_not', values, missing: true, conflict };
		case 'todo':
			return { tone: 'todo', symbol: '·', text: 'area_todo', values, missing: true, conflict };
	}
}
