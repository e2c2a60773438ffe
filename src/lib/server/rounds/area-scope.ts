import type { Param } from '../db';

const AREA_TYPES = ['disinfection', 'disinfection_void'];

/**
 * Which disinfection records a volunteer with an area receives besides those filed in it: every
 * one of the units it works in. A record is filed under one household of its place (the lowest
 * id of its floor, or of its unit for a common area: round-facts.ts), so a volunteer given one
 * floor would otherwise miss the unit's lift, lobby and bins — which it walks through and works
 * too. The unit is "the unit's common areas" for a floor-only assignment: the lift is shared by
 * every floor of it. Records of the unit's other floors come along; they carry an area, a
 * volunteer and a time, no resident's data, and the grid shows only the floors the device holds.
 *
 * `inScope` is over the events' columns, `units` the households clause of the device's scope.
 * Returns the clause to use in place of `inScope`; a device that sees the whole team has them all.
 */
export function withUnitAreas(
	inScope: { sql: string; params: Param[] },
	units: { sql: string; params: Param[]; whole: boolean },
	teamId: string
): { sql: string; params: Param[] } {
	if (units.whole) return inScope;
	return {
		sql: `((${inScope.sql}) OR (team_id = ? AND type IN (${AREA_TYPES.map(() => '?').join(', ')}) AND household_id IN (SELECT id FROM households WHERE team_id = ? AND (building, unit) IN (SELECT building, unit FROM households WHERE ${units.sql}))))`,
		params: [...inScope.params, teamId, ...AREA_TYPES, teamId, ...units.params]
	};
}
