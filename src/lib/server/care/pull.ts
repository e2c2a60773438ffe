import type { DeviceAuth } from '../auth';
import type { Db, Param } from '../db';

/** The care events' types: health data, sent only where the ledger's privacy rule allows. */
export const CARE_TYPES = ['care_person', 'care_correct', 'care_pair', 'care_plan', 'care_check'];

/**
 * Which events a device receives, given the households it may see (`inScope`, over events'
 * columns). A person's care entry is health data, so it goes only to the leads, the volunteers
 * who see that household in full (their area, or the whole team when the lead lets unassigned
 * volunteers see it in full), and the volunteer paired with the person, wherever that person
 * lives. A volunteer who sees the team masked gets no one's care events but its own pairs'.
 */
export function eventsWhere(
	inScope: { sql: string; params: Param[] },
	auth: DeviceAuth,
	masked: boolean
): { sql: string; params: Param[] } {
	if (auth.role !== 'volunteer') return inScope;
	const hide = masked ? ` AND type NOT IN (${CARE_TYPES.map(() => '?').join(', ')})` : '';
	return {
		sql: `((${inScope.sql}${hide}) OR (team_id = ? AND id IN (SELECT e.event_id FROM care_events e JOIN care_people p ON p.team_id = e.team_id AND p.person_id = e.person_id WHERE e.team_id = ? AND p.paired_device_id = ?)))`,
		params: [...inScope.params, ...(masked ? CARE_TYPES : []), auth.teamId, auth.teamId, auth.deviceId]
	};
}

/**
 * The last cursor value at which one of this device's pairs changed (paired or unpaired): its
 * copy then lacks the history of a new pair, or holds one it may no longer see, so the device
 * rebuilds from 0 (see pull's scope version).
 */
export async function pairVersion(db: Db, auth: DeviceAuth, seesAllInFull: boolean): Promise<number> {
	// Leads, and volunteers who see the whole team in full, hold every entry whatever is paired.
	if (auth.role !== 'volunteer' || seesAllInFull) return 0;
	const row = await db.get<{ s: number | null }>(
		'SELECT MAX(seq) AS s FROM care_pair_changes WHERE team_id = ? AND device_id = ?',
		[auth.teamId, auth.deviceId]
	);
	return Number(row?.s ?? 0);
}

/**
 * Which households a device receives, given its scope: for a volunteer with an area, also the
 * households of the people paired with it outside that area — as a door only (`doorOnly` 1: the
 * row goes out masked like an unassigned volunteer's view: building, unit, floor and room, the
 * head's name and phone masked, no note, the care tags hidden). That is the least the today list
 * needs: the person's own name and phones come with their care entry, and the door lets the paired
 * volunteer visit and start a request (a request carries the door). Nobody else receives it: the
 * clause is keyed on this device's own pairs, and a pair or unpair rebuilds its copy (pairVersion).
 * Leads and volunteers who see the whole team get every household already.
 */
export function householdsWhere(
	scope: { sql: string; params: Param[]; whole: boolean },
	auth: DeviceAuth
): { sql: string; params: Param[]; doorOnly: string; doorOnlyParams: Param[] } {
	if (auth.role !== 'volunteer' || scope.whole) {
		return { sql: scope.sql, params: scope.params, doorOnly: '0', doorOnlyParams: [] };
	}
	return {
		sql: `((${scope.sql}) OR (team_id = ? AND id IN (SELECT household_id FROM care_people WHERE team_id = ? AND paired_device_id = ?)))`,
		params: [...scope.params, auth.teamId, auth.teamId, auth.deviceId],
		doorOnly: `CASE WHEN ${scope.sql} THEN 0 ELSE 1 END`,
		doorOnlyParams: scope.params
	};
}
