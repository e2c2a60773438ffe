import type { Param } from '../db';
import { NEED_TYPES_SQL } from './types-sql';

/**
 * Who receives which request (least data). A lead receives every request of the team, with
 * the rest of the team. A volunteer receives the requests of the households in their area in
 * full, like the rest of that area; and every other request of the team too — the pool is the
 * whole team's, and a request the lead hands them may be outside their area — but only as a
 * door to go to: the event carries the place (building, unit, room), its free-text notes are
 * held back, and the household's name and phone are never sent for it.
 *
 * The rule depends on nothing that changes (not on who holds what), so a cursor stays valid
 * and no request ever needs a resync to appear or disappear.
 *
 * Returns the events query's WHERE clause (with its params, in order) and a column that says
 * whether the row is in the device's full view.
 */
export function needEventScope(
	inScope: string,
	inScopeParams: Param[],
	teamId: string,
	wholeTeam: boolean
): { where: string; params: Param[]; visible: string; visibleParams: Param[] } {
	if (wholeTeam) return { where: inScope, params: inScopeParams, visible: '1', visibleParams: [] };
	return {
		where: `((${inScope}) OR (team_id = ? AND type IN (${NEED_TYPES_SQL})))`,
		params: [...inScopeParams, teamId],
		visible: `CASE WHEN ${inScope} THEN 1 ELSE 0 END`,
		visibleParams: inScopeParams
	};
}
