// Entry bundled by bench/lead/index.js (vite, lib mode, IIFE, minified) and run in the lead's page:
// the very modules the /lead screen uses to fold and summarise the team, nothing else.
import { foldKeepingUnchanged } from '../../src/lib/client/fold-cache.ts';
import { activeRound } from '../../src/lib/domain/rounds.ts';
import { missingByFloor, missingTotals, teamCoverage } from '../../src/lib/domain/team-coverage.ts';

/**
 * What the lead screen derives from what it read: statuses, team totals, missing list.
 * @param {import('../../src/lib/domain/schemas.ts').Household[]} households
 * @param {import('../../src/lib/domain/schemas.ts').FieldEvent[]} events
 * @param {import('../../src/lib/domain/schemas.ts').Round[]} rounds
 */
export function leadCoverage(households, events, rounds) {
	const fold = foldKeepingUnchanged();
	const round = activeRound(rounds);
	const statuses = fold(households, events, round?.id ?? '');
	const team = teamCoverage(households, statuses);
	const missing = missingByFloor(households, statuses);
	return { statuses, team, missing, missingCount: missingTotals(missing) };
}
