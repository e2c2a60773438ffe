import { uuidv7 } from 'uuidv7';
import { foldNeed, type NeedState } from '$lib/domain/needs/fold';
import type { NeedKind } from '$lib/domain/needs/kinds';
import type {
	ResidentAsk,
	ResidentPage,
	ResidentRating,
	ResidentSettings,
	ResidentState,
	ResidentStatus,
	TriageItem
} from '$lib/domain/needs/resident-api';
import type { NeedEvent } from '$lib/domain/schemas';
import type { DeviceAuth } from '../auth';
import { newCode, newSecret } from '../codes';
import type { Db } from '../db';
import { storedEvent, type EventRow } from '../event-row';
import { HttpError } from '../errors';
import { leadTeam } from '../lead/team';
import { deskTeam } from './desk';
import { NOT_FOREIGN } from './foreign-door';
import { NEED_TYPES_SQL } from './types-sql';

/**
 * One answer for a token that does not exist and for a page the lead switched off: a stranger
 * holding a guessed or an old token learns nothing about which teams or buildings exist.
 */
const NO_PAGE = () => new HttpError(404, 'token: this building code is not open for requests (ask your community)');

interface Building {
	token: string;
	teamId: string;
	building: string;
}

/** The building a token names, if its team has the page switched on. */
export async function openBuilding(db: Db, token: string): Promise<Building> {
	const row = await db.get<{ team_id: string; building: string }>(
		`SELECT b.team_id, b.building FROM resident_buildings b JOIN resident_pages p ON p.team_id = b.team_id
		 WHERE b.token = ? AND p.enabled = 1`,
		[token]
	);
	if (!row) throw NO_PAGE();
	return { token, teamId: row.team_id, building: row.building };
}

/** The rooms of the building, unit/floor/room only: never who lives there. */
export async function residentPage(db: Db, token: string): Promise<ResidentPage> {
	const b = await openBuilding(db, token);
	const rooms = await db.all<{ unit: string; floor: number; room: string }>(
		`SELECT unit, floor, room FROM households WHERE team_id = ? AND building = ? AND ${NOT_FOREIGN} ORDER BY unit, floor, room`,
		[b.teamId, b.building]
	);
	return { building: b.building, rooms: rooms.map((r) => ({ unit: r.unit, floor: Number(r.floor), room: r.room })) };
}

/** Takes a resident's request into the team's triage list; answers its reference number. */
export async function residentAsk(db: Db, b: Building, ask: ResidentAsk, now = new Date()): Promise<string> {
	const home = await db.get<{ id: string }>(
		`SELECT id FROM households WHERE team_id = ? AND building = ? AND unit = ? AND room = ? AND ${NOT_FOREIGN}`,
		[b.teamId, b.building, ask.unit, ask.room]
	);
	if (!home) throw new HttpError(400, `room: no room ${ask.unit}-${ask.room} in this building`);
	for (let attempt = 0; ; attempt++) {
		const ref = newCode();
		try {
			await db.run(
				`INSERT INTO resident_requests (id, token, ref, team_id, household_id, kind, text, status, asked_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
				[uuidv7(), b.token, ref, b.teamId, home.id, ask.kind, ask.text, now.toISOString()]
			);
			return ref;
		} catch (err) {
			// 40 bits per building: a clash is all but impossible, and a second draw settles it.
			if (attempt >= 2) throw err;
		}
	}
}

const FROM_NEED: Record<NeedState, ResidentState> = {
	new: 'accepted',
	pool: 'accepted',
	not_done: 'accepted',
	held: 'assigned',
	on_the_way: 'on_the_way',
	done: 'done',
	cancelled: 'cancelled'
};

/** What a resident may know of their request: its state, from triage and then from the request's fold. */
export async function residentStatus(db: Db, token: string, ref: string): Promise<ResidentStatus> {
	const b = await openBuilding(db, token);
	const row = await db.get<{ id: string; household_id: string; kind: NeedKind; status: string; asked_at: string }>(
		'SELECT id, household_id, kind, status, asked_at FROM resident_requests WHERE team_id = ? AND token = ? AND ref = ?',
		[b.teamId, b.token, ref]
	);
	if (!row) throw new HttpError(404, 'ref: no request with this reference number for this building');
	let state: ResidentState = row.status === 'rejected' ? 'rejected' : 'received';
	if (row.status === 'accepted') {
		const events = await db.all<EventRow>(
			`SELECT body, volunteer, received_at FROM events WHERE team_id = ? AND household_id = ? AND type IN (${NEED_TYPES_SQL})`,
			[b.teamId, row.household_id]
		);
		const mine = events.map((e) => storedEvent(e) as NeedEvent).filter((e) => e.needId === row.id);
		const need = foldNeed(mine);
		// Accepted but the lead's device has not synced its request yet: accepted all the same.
		state = need ? FROM_NEED[need.state] : 'accepted';
	}
	const rated = await db.get<ResidentRating>(
		'SELECT rating, words FROM resident_ratings WHERE team_id = ? AND request_id = ?',
		[b.teamId, row.id]
	);
	return {
		ref,
		kind: row.kind,
		state,
		askedAt: row.asked_at,
		rating: rated ? { rating: rated.rating, words: rated.words } : null
	};
}

/** The lead's switch and, when on, a token per building of the roster (made on first ask). */
export async function residentSettings(db: Db, auth: DeviceAuth, team?: string): Promise<ResidentSettings> {
	const teamId = await leadTeam(db, auth, team);
	const page = await db.get<{ enabled: number }>('SELECT enabled FROM resident_pages WHERE team_id = ?', [teamId]);
	const enabled = Number(page?.enabled ?? 0) === 1;
	if (!enabled) return { enabled, buildings: [] };
	const buildings = await db.all<{ building: string }>(
		`SELECT DISTINCT building FROM households WHERE team_id = ? AND ${NOT_FOREIGN} ORDER BY building`,
		[teamId]
	);
	for (const { building } of buildings) {
		await db.run(
			'INSERT INTO resident_buildings (token, team_id, building) VALUES (?, ?, ?) ON CONFLICT (team_id, building) DO NOTHING',
			[newSecret(), teamId, building]
		);
	}
	const tokens = await db.all<{ building: string; token: string }>(
		'SELECT building, token FROM resident_buildings WHERE team_id = ? ORDER BY building',
		[teamId]
	);
	return { enabled, buildings: tokens };
}

export async function switchResidentPage(
	db: Db,
	auth: DeviceAuth,
	enabled: boolean,
	team?: string
): Promise<ResidentSettings> {
	const teamId = await leadTeam(db, auth, team);
	await db.run(
		'INSERT INTO resident_pages (team_id, enabled) VALUES (?, ?) ON CONFLICT (team_id) DO UPDATE SET enabled = excluded.enabled',
		[teamId, enabled ? 1 : 0]
	);
	return residentSettings(db, auth, team);
}

/** Residents' requests waiting for the lead (or a desk volunteer), oldest first. */
export async function triageList(db: Db, auth: DeviceAuth, team?: string): Promise<{ items: TriageItem[] }> {
	const teamId = await deskTeam(db, auth, team);
	const rows = await db.all<{
		id: string;
		ref: string;
		household_id: string;
		building: string;
		unit: string;
		room: string;
		kind: NeedKind;
		text: string;
		asked_at: string;
	}>(
		`SELECT r.id, r.ref, r.household_id, h.building, h.unit, h.room, r.kind, r.text, r.asked_at
		 FROM resident_requests r JOIN households h ON h.team_id = r.team_id AND h.id = r.household_id
		 WHERE r.team_id = ? AND r.status = 'pending' ORDER BY r.asked_at, r.id`,
		[teamId]
	);
	return {
		items: rows.map((r) => ({
			id: r.id,
			ref: r.ref,
			householdId: r.household_id,
			place: { building: r.building, unit: r.unit, room: r.room },
			kind: r.kind,
			text: r.text,
			askedAt: r.asked_at
		}))
	};
}

/**
 * The lead takes a resident's request onto the board (their device then records it as a request
 * whose id is the triage id, channel 居民扫码) or rejects it as spam. Decided once.
 */
export async function decideTriage(
	db: Db,
	auth: DeviceAuth,
	id: string,
	action: 'accept' | 'reject',
	team?: string,
	now = new Date()
): Promise<{ id: string; status: 'accepted' | 'rejected' }> {
	const teamId = await deskTeam(db, auth, team);
	const status = action === 'accept' ? 'accepted' : 'rejected';
	const changed = await db.run(
		"UPDATE resident_requests SET status = ?, decided_at = ? WHERE id = ? AND team_id = ? AND status = 'pending'",
		[status, now.toISOString(), id, teamId]
	);
	if (!changed) {
		const row = await db.get<{ status: string }>('SELECT status FROM resident_requests WHERE id = ? AND team_id = ?', [
			id,
			teamId
		]);
		if (!row) throw new HttpError(404, `id: no resident request ${id} in this team`);
		throw new HttpError(409, `id: resident request ${id} was already ${row.status}`);
	}
	return { id, status };
}
