import type { PullResponse, ResyncReason } from '$lib/domain/api';
import type { Assignment, DeliveryOrder, FieldEvent, Household, Round } from '$lib/domain/schemas';
import type { DeviceAuth } from './auth';
import { storedEvent, type EventRow } from './event-row';
import { toHousehold, type HouseholdRow } from './household-row';
import type { Db, Param } from './db';
import { maskName, maskPhone } from '$lib/domain/mask';
import { MASKED_TAG } from '$lib/domain/constants';
import { storeEpoch } from './epoch';
import { teamCounters } from './seq';
import { CARE_TYPES, eventsWhere, householdsWhere, pairVersion } from './care/pull';
import { needEventScope } from './needs/scope';
import { pulledEventTypes, pulledRound, pullKinds, type PullKinds, type RoundRow } from './rounds/pull-kinds';
import { NEED_EVENT_TYPES } from '$lib/domain/needs/events';
import { withUnitAreas } from './rounds/area-scope';
import { heldWhere, holdVersion } from './needs/holders';
import { NOT_FOREIGN } from './needs/foreign-door';

interface Scope {
	/** Over columns team_id, building, unit, floor: households, and where moved ones were. */
	sql: string;
	params: Param[];
	/** Names and phones go out masked (王*, *******0001), notes and health tags held back. */
	masked: boolean;
	/** The whole team: every household's change reaches the device as an update. */
	whole: boolean;
}

/**
 * Which households a device may see, and how: leads see the team in full; a volunteer sees the
 * buildings, units or floors assigned to it in full. While the lead has assigned it nothing it
 * sees the whole team, masked — unless the lead chose to let unassigned volunteers see the team
 * in full (a small team that never assigns areas).
 */
export async function householdScope(db: Db, auth: Pick<DeviceAuth, 'teamId' | 'deviceId' | 'role'>): Promise<Scope> {
	const base: Scope = { sql: 'team_id = ?', params: [auth.teamId], masked: false, whole: true };
	if (auth.role !== 'volunteer') return base;
	const areas = await db.all<{ building: string; unit: string | null; floor: number | null }>(
		'SELECT building, unit, floor FROM assignments WHERE team_id = ? AND device_id = ? AND removed_at IS NULL',
		[auth.teamId, auth.deviceId]
	);
	if (!areas.length) {
		const team = await db.get<{ full: number }>('SELECT full_when_unassigned AS full FROM teams WHERE id = ?', [
			auth.teamId
		]);
		// Another community's door passed here (needs/foreign-door.ts) reaches its holder only.
		return { ...base, sql: `team_id = ? AND ${NOT_FOREIGN}`, masked: Number(team?.full ?? 0) !== 1 };
	}
	const clauses = areas.map((a) =>
		a.unit === null
			? '(building = ?)'
			: a.floor === null
				? '(building = ? AND unit = ?)'
				: '(building = ? AND unit = ? AND floor = ?)'
	);
	const params = areas.flatMap((a): Param[] =>
		a.unit === null ? [a.building] : a.floor === null ? [a.building, a.unit] : [a.building, a.unit, Number(a.floor)]
	);
	return {
		sql: `team_id = ? AND (${clauses.join(' OR ')})`,
		params: [auth.teamId, ...params],
		masked: false,
		whole: false
	};
}

/** What a volunteer outside their area receives: enough to find the door, nobody's details. */
function maskHousehold(h: Household): Household {
	return {
		...h,
		head: maskName(h.head),
		phone: maskPhone(h.phone),
		note: '',
		// Which care a household needs is health data; that it needs care is enough here.
		tags: h.tags.length ? [MASKED_TAG] : []
	};
}

interface PulledEventRow extends EventRow {
	seq: number;
	device_id: string;
	/** 0 for a request outside the device's area (see needs/scope): sent as a door only. */
	visible: number;
}

/** An event as devices receive it; masked, another device's free-text note is held back. */
function toEvent(r: PulledEventRow, auth: DeviceAuth, masked: boolean): FieldEvent {
	const e = storedEvent(r);
	if ((masked || Number(r.visible) === 0) && r.device_id !== auth.deviceId && 'note' in e) e.note = '';
	return e;
}

type Change =
	| { seq: number; kind: 'household'; value: Household; foreign: boolean }
	| { seq: number; kind: 'round'; value: Round }
	| { seq: number; kind: 'order'; value: DeliveryOrder }
	| { seq: number; kind: 'assignment'; value: Assignment }
	| { seq: number; kind: 'event'; value: FieldEvent };

/**
 * The version of what a device may see: the last cursor value at which one of its assignments
 * was added or removed (a removal keeps its row as a tombstone with a new seq, so this only
 * grows), or the team's settings changed what unassigned volunteers see, or at which a roster
 * import moved a household out of a place in its area (the device holds a copy it may no longer
 * see, and no later row in its scope would tell it). Leads and admins see the whole team
 * whatever is assigned: always 0.
 */
async function scopeVersion(db: Db, auth: DeviceAuth, scope: Scope): Promise<number> {
	if (auth.role !== 'volunteer') return 0;
	const row = await db.get<{ s: number | null }>(
		'SELECT MAX(seq) AS s FROM assignments WHERE team_id = ? AND device_id = ?',
		[auth.teamId, auth.deviceId]
	);
	const team = await db.get<{ s: number }>('SELECT settings_seq AS s FROM teams WHERE id = ?', [auth.teamId]);
	const base = Math.max(
		Number(row?.s ?? 0),
		Number(team?.s ?? 0),
		await pairVersion(db, auth, scope.whole && !scope.masked),
		await holdVersion(db, auth)
	);
	if (scope.whole) return base;
	const moved = await db.get<{ s: number | null }>(
		`SELECT MAX(seq) AS s FROM household_moves WHERE ${scope.sql}`,
		scope.params
	);
	return Math.max(base, Number(moved?.s ?? 0));
}

/**
 * When the device's copy cannot be continued from its cursor and must be rebuilt from 0:
 * - the cursor is above the team's counter (cursors count per team): it was issued by another
 *   store (this one was reset or restored from an older backup), so "after the cursor" means
 *   nothing here;
 * - the cursor is below the horizon, the lowest cursor whose later changes are all still kept
 *   (0 today: nothing is compacted, tombstones stay, so any older cursor is served);
 * - the scope the device built its copy under differs from its scope now: households older
 *   than the cursor became visible, or visible ones must go.
 * Cursor 0 is already a full pull and never needs a resync.
 */
async function resyncReason(
	r: Db,
	teamId: string,
	cursor: number,
	sentScope: number,
	scope: number
): Promise<ResyncReason | null> {
	if (cursor === 0) return null;
	const counters = await teamCounters(r, teamId);
	if (cursor > counters.seq) return 'cursor-ahead';
	if (cursor < counters.horizon) return 'cursor-expired';
	if (sentScope !== scope) return 'scope-changed';
	return null;
}

/** The rows after `cursor`, at most `page` from each table, all read from one snapshot. */
function changedRows(db: Db, auth: DeviceAuth, cursor: number, page: number, sentScope: number, kinds: PullKinds) {
	return db.snapshot(async (r) => {
		const epoch = await storeEpoch(r);
		const scope = await householdScope(r, auth);
		const version = await scopeVersion(r, auth, scope);
		const resync = await resyncReason(r, auth.teamId, cursor, sentScope, version);
		if (resync)
			return {
				resync,
				epoch,
				version,
				masked: false,
				households: [],
				rounds: [],
				orders: [],
				assignments: [],
				events: []
			};
		// Led by the team (every query is, so a store sharded by team answers it from one shard).
		const inScope = `team_id = ? AND household_id IN (SELECT id FROM households WHERE ${scope.sql})`;
		// One after another: the statements share one connection and one snapshot.
		// Besides its scope, a volunteer's paired people's doors elsewhere, masked (care/pull.ts).
		const hw = householdsWhere(scope, auth);
		// And in full, wherever they are, the households of the requests it holds (needs/holders.ts).
		// (A volunteer who sees the team in full still needs it for a foreign door, outside its scope.)
		const held = auth.role === 'volunteer' ? heldWhere(auth) : null;
		const households = await r.all<
			HouseholdRow & { seq: number; door_only: number; held: number; foreign_of: string | null }
		>(
			`SELECT *, ${hw.doorOnly} AS door_only, ${held ? `CASE WHEN ${held.sql} THEN 1 ELSE 0 END` : '0'} AS held FROM households WHERE (${hw.sql}${held ? ` OR (${held.sql})` : ''}) AND seq > ? ORDER BY seq LIMIT ?`,
			[...hw.doorOnlyParams, ...(held?.params ?? []), ...hw.params, ...(held?.params ?? []), cursor, page]
		);
		// A build from before round kinds is sent none of the other kinds' rounds (see pullKinds).
		const roundKinds = kinds.declared ? null : [...kinds.kinds];
		const rounds = await r.all<RoundRow & { seq: number }>(
			`SELECT id, date, kind, active, definition, seq FROM rounds WHERE team_id = ? AND seq > ?${roundKinds ? ` AND kind IN (${roundKinds.map(() => '?').join(', ')})` : ''} ORDER BY seq LIMIT ?`,
			[auth.teamId, cursor, ...(roundKinds ?? []), page]
		);
		const orders = await r.all<{
			id: string;
			household_id: string;
			items: string;
			urgency: DeliveryOrder['urgency'];
			note: string;
			purchase: number;
			seq: number;
		}>(`SELECT * FROM orders WHERE ${inScope} AND seq > ? ORDER BY seq LIMIT ?`, [
			auth.teamId,
			...scope.params,
			cursor,
			page
		]);
		const assignments = await r.all<{
			id: string;
			device_id: string;
			building: string;
			unit: string | null;
			floor: number | null;
			seq: number;
		}>(
			'SELECT id, device_id, building, unit, floor, seq FROM assignments WHERE team_id = ? AND device_id = ? AND removed_at IS NULL AND seq > ? ORDER BY seq LIMIT ?',
			[auth.teamId, auth.deviceId, cursor, page]
		);
		// Care entries go to the area, the leads and the paired volunteer (care/pull.ts); requests
		// of the needs desk also reach a volunteer outside their area, as a door only. Care and
		// requests came in the same release as round kinds: a build that names its kinds knows them.
		const types = [...pulledEventTypes(kinds), ...(kinds.declared ? [...CARE_TYPES, ...NEED_EVENT_TYPES] : [])];
		const seen = eventsWhere(
			withUnitAreas({ sql: inScope, params: [auth.teamId, ...scope.params] }, scope, auth.teamId),
			auth,
			scope.masked
		);
		// A volunteer's whole-team scope still leaves out foreign doors: their requests come as doors.
		const need = needEventScope(seen.sql, seen.params, auth.teamId, scope.whole && auth.role !== 'volunteer');
		const events = await r.all<PulledEventRow>(
			`SELECT body, seq, volunteer, received_at, device_id, ${need.visible} AS visible FROM events WHERE (${need.where}) AND type IN (${types.map(() => '?').join(', ')}) AND seq > ? ORDER BY seq LIMIT ?`,
			[...need.visibleParams, ...need.params, ...types, cursor, page]
		);
		return { resync: null, epoch, version, masked: scope.masked, households, rounds, orders, assignments, events };
	});
}

/** A page's lists, empty: filled from the changes, or left empty on a resync answer. */
const emptyLists = (): Omit<PullResponse, 'cursor' | 'more' | 'scope' | 'resync' | 'epoch'> => ({
	households: [],
	rounds: [],
	orders: [],
	assignments: [],
	events: [],
	removedHouseholds: [],
	foreignDoors: []
});

/**
 * Every change the device may see after `cursor`, oldest first, about `limit` of them. Rows
 * written together share a cursor value (a delivery request's order and event), so a page
 * never ends inside such a group: the next page starts after the cursor and would miss the rest.
 *
 * `scope` is the scope version the device's previous page answered with. Removed assignments
 * are not sent as such: any change of scope answers a full resync instead (see resyncReason),
 * after which the device pulls from 0 and gets exactly what it may see now.
 */
export async function pull(
	db: Db,
	auth: DeviceAuth,
	cursor: number,
	limit: number,
	scope = 0,
	kindsParam?: string
): Promise<PullResponse> {
	const kinds = pullKinds(kindsParam);
	const { resync, epoch, version, masked, households, rounds, orders, assignments, events } = await changedRows(
		db,
		auth,
		cursor,
		limit + 1,
		scope,
		kinds
	);
	if (resync) {
		return { cursor: 0, more: true, epoch, scope: version, resync, ...emptyLists() };
	}
	const changes: Change[] = [
		...households.map((r) => ({
			seq: r.seq,
			kind: 'household' as const,
			foreign: Boolean(r.foreign_of),
			value:
				Number(r.held) !== 1 && (masked || Number(r.door_only) === 1) ? maskHousehold(toHousehold(r)) : toHousehold(r)
		})),
		...rounds.flatMap((r) => {
			const value = pulledRound(r, kinds);
			return value ? [{ seq: r.seq, kind: 'round' as const, value }] : [];
		}),
		...orders.map((r) => ({
			seq: r.seq,
			kind: 'order' as const,
			value: {
				id: r.id,
				householdId: r.household_id,
				items: JSON.parse(r.items) as string[],
				urgency: r.urgency,
				note: r.note,
				purchase: r.purchase === 1
			}
		})),
		...assignments.map((r) => ({
			seq: r.seq,
			kind: 'assignment' as const,
			value: {
				id: r.id,
				deviceId: r.device_id,
				building: r.building,
				unit: r.unit,
				floor: r.floor === null ? null : Number(r.floor)
			}
		})),
		...events.map((r) => ({
			seq: r.seq,
			kind: 'event' as const,
			value: toEvent(r, auth, masked)
		}))
	].sort((a, b) => a.seq - b.seq);
	let end = Math.min(limit, changes.length);
	while (end < changes.length && changes[end].seq === changes[end - 1].seq) end++;
	const taken = changes.slice(0, end);
	const out: PullResponse = {
		cursor: taken.length ? taken[taken.length - 1].seq : cursor,
		more: changes.length > taken.length,
		epoch,
		scope: version,
		...emptyLists()
	};
	for (const c of taken) {
		if (c.kind === 'household') (c.foreign ? out.foreignDoors : out.households).push(c.value);
		else if (c.kind === 'round') out.rounds.push(c.value);
		else if (c.kind === 'order') out.orders.push(c.value);
		else if (c.kind === 'assignment') out.assignments.push(c.value);
		else out.events.push(c.value);
	}
	return out;
}
