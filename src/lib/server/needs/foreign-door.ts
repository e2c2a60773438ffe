import { uuidv7 } from 'uuidv7';
import { EVENT_SCHEMA_VERSION } from '$lib/domain/constants';
import type { Need } from '$lib/domain/needs/fold';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { HttpError } from '../errors';
import { HOUSEHOLD_COLUMNS, householdValues } from '../household-row';
import { pushEvents } from '../push';
import { nextSeq } from '../seq';

/**
 * A request the street office passed to this community becomes one of its own requests when its
 * lead takes it on: dispatched, claimed, on the way, done like any other. Its events must name a
 * household of this team, so the door gets a row here marked foreign (`foreign_of`: the sending
 * community) with only what delivery needs — the door and the head of household's phone; no
 * name, residents, health tags or notes of the other community's household. A foreign row never
 * counts in this team's roster: every place that lists or counts households says
 * `foreign_of IS NULL` (NOT_FOREIGN), and devices receive it apart (PullResponse.foreignDoors).
 */

/** The SQL condition keeping foreign doors out of the team's roster, rounds and counts. */
export const NOT_FOREIGN = 'foreign_of IS NULL';

/**
 * The door's building as this team stores it: named with the sending community, so whoever
 * reads it sees it is another community's door, with " · " between the two. A roster import
 * squeezes every space out of a building (domain/roster/normalise.ts), so no row of a file can
 * ever name this place and take the door into the roster (households are unique per building,
 * unit and room). The building is kept whole up to 29 characters and the community cut to fit
 * the 32 characters a place has; the separator always stays.
 */
export function foreignBuilding(community: string, building: string): string {
	const b = cut(building, 29);
	return `${cut(community, 29 - b.length)} · ${b}`;
}

/** The first n UTF-16 units of s, without leaving half of a surrogate pair at the end. */
const cut = (s: string, n: number): string => {
	const head = s.slice(0, n);
	return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
};

interface Door {
	id: string;
	building: string;
	unit: string;
	room: string;
}

/**
 * The team's foreign door for the sending community's household, reused when the same door was
 * passed before (a second request from it), else created with the door and the phone only.
 */
async function doorFor(
	tx: Db,
	teamId: string,
	fromTeam: { id: string; name: string },
	householdId: string
): Promise<Door> {
	const h = await tx.get<{ building: string; unit: string; floor: number; room: string; phone: string }>(
		'SELECT building, unit, floor, room, phone FROM households WHERE team_id = ? AND id = ?',
		[fromTeam.id, householdId]
	);
	if (!h) throw new HttpError(409, `needId: the door of this request is no longer in community ${fromTeam.name}`);
	const building = foreignBuilding(fromTeam.name, h.building);
	const known = await tx.get<{ id: string; foreign_of: string | null }>(
		'SELECT id, foreign_of FROM households WHERE team_id = ? AND building = ? AND unit = ? AND room = ?',
		[teamId, building, h.unit, h.room]
	);
	if (known && known.foreign_of !== fromTeam.id)
		throw new HttpError(409, `needId: this team's roster already has a door ${building} ${h.unit} ${h.room}`);
	const seq = await nextSeq(tx, teamId);
	if (known) {
		// The phone may have changed in the sending community since: the holder calls this one.
		await tx.run('UPDATE households SET phone = ?, floor = ?, seq = ? WHERE team_id = ? AND id = ?', [
			h.phone,
			Number(h.floor),
			seq,
			teamId,
			known.id
		]);
		return { id: known.id, building, unit: h.unit, room: h.room };
	}
	const id = uuidv7();
	const door = { building, unit: h.unit, floor: Number(h.floor), room: h.room };
	await tx.run(
		`INSERT INTO households (${HOUSEHOLD_COLUMNS}, foreign_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		[
			...householdValues(id, teamId, { ...door, head: '', phone: h.phone, residents: 0, tags: [], note: '' }, seq),
			fromTeam.id
		]
	);
	return { id, ...door };
}

/**
 * Inside the take-on's transaction: the foreign door and the request's creation in this team,
 * pushed as the lead's device would push it (same checks, same holders), carrying over what was
 * asked, how, when, and the original note. Returns the new request's id.
 */
export async function openAsOwnRequest(
	tx: Db,
	auth: DeviceAuth,
	teamId: string,
	fromTeam: { id: string; name: string },
	householdId: string,
	need: Need,
	now: Date
): Promise<string> {
	if (!need.askedAt) throw new HttpError(409, 'needId: the request has no creation to carry over');
	// The event is stored under the lead's device, which must be of this team: on PostgreSQL no
	// reference on events checks that any more (migrations.ts, dropPushReferences).
	if (auth.teamId !== teamId) throw new HttpError(403, 'team: only a lead of this community records its requests');
	const door = await doorFor(tx, teamId, fromTeam, householdId);
	const needId = uuidv7();
	const event = {
		id: uuidv7(),
		v: EVENT_SCHEMA_VERSION,
		deviceId: auth.deviceId,
		volunteer: auth.volunteer,
		at: now.toISOString(),
		type: 'need_created',
		needId,
		householdId: door.id,
		kind: need.kind,
		items: need.items,
		urgency: need.urgency,
		channel: need.channel,
		askedAt: need.askedAt,
		place: { building: door.building, unit: door.unit, room: door.room },
		note: need.note
	};
	const [result] = await pushEvents(tx, auth, [event], undefined, undefined, false);
	if (result?.status !== 'accepted') throw new Error(`the passed request was refused: ${result?.reason ?? ''}`);
	return needId;
}
