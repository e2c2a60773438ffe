import type { Household } from './schemas';
import type { HouseholdStatus } from './status';

export interface Coverage {
	households: number;
	householdsDone: number;
	people: number;
	peopleDone: number;
	revisit: number;
	refused: number;
}

export const emptyCoverage = (): Coverage => ({
	households: 0,
	householdsDone: 0,
	people: 0,
	peopleDone: 0,
	revisit: 0,
	refused: 0
});

/**
 * A household is done when everyone living there is accounted for: all sampled, sampled
 * elsewhere, or nobody lives there. People who do not live there are not counted as missing.
 */
export function addToCoverage(c: Coverage, s: HouseholdStatus): void {
	c.households += 1;
	if (s.state === 'not_living') {
		c.householdsDone += 1;
		return;
	}
	c.people += s.residents;
	switch (s.state) {
		case 'done':
		case 'elsewhere':
			c.householdsDone += 1;
			c.peopleDone += s.residents;
			break;
		case 'partial':
			c.peopleDone += s.sampled;
			break;
		case 'revisit':
			c.revisit += 1;
			break;
		case 'refused':
			c.refused += 1;
			break;
		case 'todo':
			break;
	}
}

export function coverageOf(households: readonly Household[], statuses: ReadonlyMap<string, HouseholdStatus>): Coverage {
	const c = emptyCoverage();
	for (const h of households) {
		const s = statuses.get(h.id);
		if (s) addToCoverage(c, s);
	}
	return c;
}

export const isMissing = (s: HouseholdStatus): boolean =>
	s.state !== 'done' && s.state !== 'elsewhere' && s.state !== 'not_living';
