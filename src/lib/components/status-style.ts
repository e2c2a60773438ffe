import type { HouseholdState } from '$lib/domain/status';

/** Colour and a symbol both carry the state, so it reads without colour vision. */
export const STATE_SYMBOL: Record<HouseholdState, string> = {
	todo: '·',
	partial: '◐',
	done: '✓',
	revisit: '⟲',
	refused: '✕',
	not_living: '∅',
	elsewhere: '✓'
};
