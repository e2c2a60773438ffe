import type { z } from 'zod';
import type { PushResult } from '$lib/domain/api';
import { EVENT_SCHEMA_VERSION, eventSchema, type FieldEvent } from '$lib/domain/schemas';
import type { DeviceAuth } from './auth';
import type { Db, Param } from './db';
import { hostileJson, MAX_EVENT_DEPTH } from './hostile-json';
import { capQuarantine, quarantineRow } from './quarantine';
import { checkRoundEvent, lookUpRoundFacts, roundIdsOf, type RoundFacts, type RoundRow } from './rounds/round-facts';
import { nextSeq } from './seq';
import { isCareEvent } from '$lib/domain/care/fold';
import * as care from './care/push';
import { isNeedEvent, NeedBook } from './needs/book';

/** A reason a person can act on: which field, what was wrong. Never echoes the value. */
export function describeIssues(error: z.ZodError): string {
	return error.issues
		.slice(0, 5)
		.map((i) => `${i.path.length ? i.path.join('.') : 'event'}: ${i.message}`)
		.join('; ');
}

class Rejection extends Error {}

const reject = (reason: string): never => {
	throw new Rejection(reason);
};

/**
 * The id a client sent, even on an event too broken to parse, so it can match the answer.
 * NUL is dropped because PostgreSQL text cannot hold it and the id goes into quarantine.
 */
const idOf = (raw: unknown): string => {
	const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
	return typeof id === 'string' ? id.replaceAll('\0', '').slice(0, 64) : '';
};

/**
 * Event schema versions this server takes: the one this build writes and the one before, so a
 * device that has not updated yet can still deliver what it recorded. A v0 event has the v1
 * shape (v1 only made the version explicit), so it needs no upgrade and is stored as sent:
 * a recorded fact is never rewritten. A step that changes the shape adds its upgrade here.
 */
export const ACCEPTED_EVENT_VERSIONS: readonly number[] = [EVENT_SCHEMA_VERSION - 1, EVENT_SCHEMA_VERSION];

/** Every event must say which schema it was written in; an unknown one is refused by name. */
function checkVersion(raw: unknown): void {
	const v = typeof raw === 'object' && raw !== null ? (raw as { v?: unknown }).v : undefined;
	if (typeof v === 'number' && ACCEPTED_EVENT_VERSIONS.includes(v)) return;
	const accepted = ACCEPTED_EVENT_VERSIONS.join(' or ');
	if (v === undefined) throw new Rejection(`v: the event carries no schema version; this server accepts ${accepted}`);
	const shown = typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e6 ? ` ${v}` : '';
	throw new Rejection(
		`v: unknown event schema version${shown}; this server accepts ${accepted} — update the app on the device that recorded it`
	);
}

/** The event, or why it is refused, judged from the event alone (no store needed). */
type Parsed = { raw: unknown; rawId: string; event: FieldEvent } | { raw: unknown; rawId: string; reason: string };

function parse(raw: unknown): Parsed {
	const rawId = idOf(raw);
	try {
		// First, before anything recurses into it (zod, JSON.stringify for quarantine).
		const hostile = hostileJson(raw, MAX_EVENT_DEPTH);
		if (hostile) throw new Rejection(hostile.replace(/^body/, 'event'));
		checkVersion(raw);
		const parsed = eventSchema.safeParse(raw);
		if (!parsed.success) throw new Rejection(describeIssues(parsed.error));
		return { raw, rawId, event: parsed.data };
	} catch (err) {
		if (!(err instanceof Rejection)) throw err;
		return { raw, rawId, reason: err.message };
	}
}

/**
 * What the store holds about the ids a batch names. Only ever grows while a push runs: events,
 * households, rounds and orders are never deleted and never change team (nor an order its
 * household), so a row found before the counter lock is still true under it. Only an id found
 * missing can change meanwhile (another push, a roster import or a lead's order committing in
 * between), and that is what the look-up under the lock asks again. If rows ever become
 * deletable or movable, found rows must be re-checked too.
 */
interface Known {
	/** event id → the team and device that stored it (this team's: ids are keyed by team) */
	events: Map<string, { teamId: string; deviceId: string }>;
	/** households of this team */
	households: Set<string>;
	/** order id → its team and household (this team's: ids are keyed by team) */
	orders: Map<string, { teamId: string; householdId: string }>;
	care: care.CareKnown;
	/** The requests of the needs desk the batch names, and their rules (issue 10). */
	needs: NeedBook;
	/** the team's rounds the batch names: kinds, survey forms, area places (read under the lock) */
	roundFacts: RoundFacts;
}

/** The ids a batch names, each once. */
interface Wanted {
	events: string[];
	households: string[];
	orders: string[];
	/** Read only under the lock, with their facts (a survey edit takes the same lock). */
	rounds: string[];
	care: care.CareWanted;
}

/**
 * One id list as one JSON parameter: a statement's text never depends on how many ids it asks,
 * so SQLite's statement cache holds one per shape, and no list meets a parameter limit.
 */
const idsIn = (tx: Db): string =>
	tx.dialect === 'postgres' ? '(SELECT json_array_elements_text(?::json))' : '(SELECT value FROM json_each(?))';

/** A row of the one look-up statement: which table (`k`), the id, and up to two of its columns. */
type Found = { k: 'e' | 'h' | 'o' | 'r' | 'd'; id: string; a: string | null; b: string | null };

/** The device's sync time and clock offset, written by the push (see `synced`). */
type Synced = { now: string; pending: number; offset: number | null };

const SYNCED_SQL =
	'UPDATE devices SET last_sync_at = ?, last_pending = ?, clock_offset_ms = COALESCE(?, clock_offset_ms) WHERE team_id = ? AND id = ?';

/**
 * Asks for every id a batch names in one statement (a `UNION ALL` of one `SELECT` per table,
 * each list one JSON parameter) and adds what it finds to `known`; the rounds' rows are
 * returned for their facts. On PostgreSQL, `synced` (the device's sync time) rides on the same
 * statement, as a data-modifying `WITH`: each statement there is a round trip, and this one is
 * taken after the counter lock, where the update always was. SQLite runs it on its own, in
 * process.
 */
async function lookUp(tx: Db, auth: DeviceAuth, wanted: Wanted, known: Known, synced?: Synced): Promise<RoundRow[]> {
	const parts: string[] = [];
	const params: Param[] = [];
	if (synced && tx.dialect === 'postgres') {
		parts.push("SELECT 'd' AS k, NULL AS id, NULL AS a, NULL AS b FROM synced");
		params.push(synced.now, synced.pending, synced.offset, auth.teamId, auth.deviceId);
	}
	const ask = (k: Found['k'], ids: string[], columns: string, table: string) => {
		if (!ids.length) return;
		parts.push(`SELECT '${k}' AS k, id, ${columns} FROM ${table} WHERE team_id = ? AND id IN ${idsIn(tx)}`);
		params.push(auth.teamId, JSON.stringify(ids));
	};
	ask('e', wanted.events, 'team_id AS a, device_id AS b', 'events');
	ask('h', wanted.households, 'NULL AS a, NULL AS b', 'households');
	ask('o', wanted.orders, 'team_id AS a, household_id AS b', 'orders');
	ask('r', wanted.rounds, 'kind AS a, definition AS b', 'rounds');
	const rounds: RoundRow[] = [];
	if (parts.length) {
		const prefix = synced && tx.dialect === 'postgres' ? `WITH synced AS (${SYNCED_SQL} RETURNING 1) ` : '';
		const rows = await tx.all<Found>(prefix + parts.join(' UNION ALL '), params);
		for (const r of rows) {
			if (r.k === 'e') known.events.set(r.id, { teamId: r.a ?? '', deviceId: r.b ?? '' });
			else if (r.k === 'h') known.households.add(r.id);
			else if (r.k === 'o') known.orders.set(r.id, { teamId: r.a ?? '', householdId: r.b ?? '' });
			else if (r.k === 'r') rounds.push({ id: r.id, kind: r.a ?? '', definition: r.b });
		}
	}
	if (synced && tx.dialect !== 'postgres')
		await tx.run(SYNCED_SQL, [synced.now, synced.pending, synced.offset, auth.teamId, auth.deviceId]);
	await care.lookUpCare(tx, auth.teamId, wanted.care, known.care);
	return rounds;
}

function wantedBy(parsed: Parsed[]): Wanted {
	const events = new Set<string>();
	const households = new Set<string>();
	const orders = new Set<string>();
	for (const p of parsed) {
		if (!('event' in p)) continue;
		const e = p.event;
		events.add(e.id);
		switch (e.type) {
			case 'visit':
				households.add(e.householdId);
				for (const r of e.replaces) events.add(r);
				break;
			case 'void':
				households.add(e.householdId);
				for (const r of e.voids) events.add(r);
				break;
			case 'delivery_request':
				orders.add(e.order.id);
				households.add(e.order.householdId);
				break;
			case 'delivery_outcome':
				orders.add(e.orderId);
				break;
			case 'distribution':
			case 'survey_answer':
				households.add(e.householdId);
				for (const r of e.replaces) events.add(r);
				break;
			case 'disinfection':
				break;
			case 'disinfection_void':
				for (const r of e.voids) events.add(r);
				break;
			default:
				households.add(e.householdId);
		}
	}
	const valid = parsed.flatMap((p) => ('event' in p ? [p.event] : []));
	return {
		events: [...events],
		households: [...households],
		orders: [...orders],
		rounds: roundIdsOf(valid),
		care: care.careWanted(valid)
	};
}

/** The ids asked for that were not found: the only answers that can change before the lock. */
const missing = (wanted: Wanted, known: Known): Wanted => ({
	events: wanted.events.filter((id) => !known.events.has(id)),
	households: wanted.households.filter((id) => !known.households.has(id)),
	orders: wanted.orders.filter((id) => !known.orders.has(id)),
	rounds: wanted.rounds,
	care: care.careMissing(wanted.care, known.care)
});

/**
 * Writes are checked against the team, not the device's assignments: assignments divide the
 * work and limit what a device is sent, but a volunteer may record at a door outside them
 * (helping a neighbour building, or an event recorded before the lead moved them elsewhere
 * and still in the outbox). Such an event is accepted and the lead sees it; another team's
 * household never is.
 */
function householdOf(known: Known, auth: DeviceAuth, e: FieldEvent): string {
	const inTeam = (householdId: string) => {
		if (!known.households.has(householdId))
			throw new Rejection(`householdId: no household ${householdId} in this team`);
		return householdId;
	};
	switch (e.type) {
		case 'visit':
			if (!known.roundFacts.rounds.has(e.roundId))
				throw new Rejection(`roundId: no sampling round ${e.roundId} in this team`);
			checkRoundEvent(known.roundFacts, e, reject);
			return inTeam(e.householdId);
		case 'distribution':
		case 'survey_answer':
			checkRoundEvent(known.roundFacts, e, reject);
			return inTeam(e.householdId);
		case 'disinfection':
		case 'disinfection_void':
			return checkRoundEvent(known.roundFacts, e, reject) ?? reject('roundId: no disinfection round');
		case 'void':
			return inTeam(e.householdId);
		case 'delivery_request':
			if (known.orders.has(e.order.id)) throw new Rejection(`order.id: delivery order ${e.order.id} already exists`);
			return inTeam(e.order.householdId);
		case 'delivery_outcome': {
			const order = known.orders.get(e.orderId);
			if (!order || order.teamId !== auth.teamId) {
				throw new Rejection(`orderId: no delivery order ${e.orderId} in this team`);
			}
			return order.householdId;
		}
		default: {
			if (isCareEvent(e)) {
				try {
					care.checkCareEvent(known.care, auth, e);
				} catch (err) {
					if (err instanceof care.CareRejection) throw new Rejection(err.message);
					throw err;
				}
				return inTeam(e.householdId);
			}
			const reason = known.needs.check(e, auth, known.households.has(e.householdId));
			if (reason) throw new Rejection(reason);
			return e.householdId;
		}
	}
}

/**
 * A volunteer corrects or undoes only their own records; a lead or an administrator may void
 * anyone's in the team (and the void, kept as an event, says who). An id the server does not
 * know yet refers to nothing here, so it is let through: it can only ever match an event of
 * this device (ids are random), or one refused earlier.
 */
function checkReferences(known: Known, auth: DeviceAuth, e: FieldEvent): void {
	const refs = 'voids' in e ? e.voids : 'replaces' in e ? e.replaces : [];
	const field = 'voids' in e ? 'voids' : 'replaces';
	for (const id of refs) {
		const target = known.events.get(id);
		if (!target) continue;
		if (target.teamId !== auth.teamId) throw new Rejection(`${field}: no event ${id} in this team`);
		if (target.deviceId !== auth.deviceId && auth.role === 'volunteer') {
			throw new Rejection(`${field}: a volunteer may correct or undo only their own records; ask the team lead`);
		}
	}
}

/** Rows a batch writes, built in batch order. */
interface Writes {
	events: Param[][];
	orders: Param[][];
	quarantine: Param[][];
	care: care.CareWrites;
}

/**
 * Judges one event against what the store holds plus what this batch has accepted so far, in
 * the order the old per-event statements asked: device, already stored, then references.
 * An accepted event is added to `known`, so a later copy in the batch is a duplicate and a
 * delivery outcome can name an order requested earlier in the same batch.
 */
function judge(p: Parsed, auth: DeviceAuth, known: Known, seq: number, now: string, writes: Writes): PushResult {
	try {
		if ('reason' in p) throw new Rejection(p.reason);
		const e = p.event;
		if (e.deviceId !== auth.deviceId) throw new Rejection('deviceId: the event was recorded on another device');
		const had = known.events.get(e.id);
		// Ids are keyed by team: one another team used is not looked up, and is ours to take.
		if (had !== undefined) return { id: p.rawId, status: 'duplicate' };
		const householdId = householdOf(known, auth, e);
		checkReferences(known, auth, e);
		if (e.type === 'delivery_request') {
			const o = e.order;
			writes.orders.push([
				o.id,
				auth.teamId,
				o.householdId,
				JSON.stringify(o.items),
				o.urgency,
				o.note,
				o.purchase ? 1 : 0,
				seq
			]);
			known.orders.set(o.id, { teamId: auth.teamId, householdId: o.householdId });
		}
		// Stored as sent, less the server's own stamp, which a device cannot set (see pull).
		const sent: FieldEvent = { ...e };
		delete sent.receivedAt;
		writes.events.push([
			e.id,
			auth.teamId,
			auth.deviceId,
			e.type,
			householdId,
			JSON.stringify(sent),
			now,
			seq,
			auth.volunteer
		]);
		known.events.set(e.id, { teamId: auth.teamId, deviceId: auth.deviceId });
		if (isCareEvent(e)) care.noteCareEvent(known.care, auth, e, seq, now, writes.care);
		if (isNeedEvent(e)) known.needs.accepted(e, auth, seq, now);
		return { id: p.rawId, status: 'accepted' };
	} catch (err) {
		if (!(err instanceof Rejection)) throw err;
		writes.quarantine.push(quarantineRow(auth.teamId, p.rawId, auth.deviceId, err.message, p.raw, now));
		return { id: p.rawId, status: 'rejected', reason: err.message };
	}
}

/**
 * Writes `rows` into `into` ("table (col, …)", the rows' values in that order). PostgreSQL gets
 * all the rows in one statement, as one JSON parameter read with the table's own row type, so a
 * push of 500 events costs one round trip per table. SQLite runs one cached single-row statement
 * per row in its own process: no round trips to save there, and better-sqlite3 binds a row's 9
 * values faster than a 100-row statement's 900 (about a quarter less time writing a push).
 */
export async function insertRows(tx: Db, into: string, columns: number, rows: Param[][]): Promise<void> {
	if (!rows.length) return;
	if (tx.dialect === 'postgres') {
		const [, table, list] = /^(\w+) \(([^)]*)\)$/.exec(into) ?? [];
		const names = list.split(', ');
		const json = JSON.stringify(rows.map((r) => Object.fromEntries(names.map((c, i) => [c, r[i]]))));
		await tx.run(`INSERT INTO ${into} SELECT ${list} FROM json_populate_recordset(NULL::${table}, ?::json)`, [json]);
		return;
	}
	const sql = `INSERT INTO ${into} VALUES (${Array(columns).fill('?').join(', ')})`;
	for (const row of rows) await tx.run(sql, row);
}

/**
 * Stores a batch in one transaction. Each event is judged on its own: a rejected one is
 * quarantined with its reason and never blocks the rest; a known id is acknowledged again.
 *
 * The team's counter row is its writers' lock (see nextSeq), so the work done while holding it is
 * kept to a few set-based statements: events are parsed, and the ids they name looked up in
 * one statement, before taking it; under it, in one more, only the ids found missing are asked
 * again, with the event ids and the rounds (anything committed meanwhile is visible then, and no
 * writer of the team can commit until we do), then the batch is judged in order in memory and
 * written (see insertRows). On PostgreSQL a push is 6 round trips whatever its size: BEGIN,
 * the look-ups, the counter, the look-ups under it, the events' INSERT, COMMIT. Each event
 * keeps the seq of its place in the batch (an order shares its request's), as before.
 */
export async function pushEvents(
	db: Db,
	auth: DeviceAuth,
	events: unknown[],
	pending: number | undefined,
	clock?: string,
	/** False for an event the server writes for a device (needs/foreign-door.ts): not a sync of it. */
	asSync = true
): Promise<PushResult[]> {
	const parsed = events.map(parse);
	const wanted = wantedBy(parsed);
	const valid = parsed.flatMap((p) => ('event' in p ? [p.event] : []));
	return db.tx(async (tx) => {
		const known: Known = {
			events: new Map(),
			households: new Set(),
			orders: new Map(),
			care: care.emptyCareKnown(),
			needs: new NeedBook(),
			roundFacts: { rounds: new Map(), anchors: new Map() }
		};
		// Event ids are asked only under the lock: a push's events are new but for a retry, so
		// asking before it would find nothing and ask the same ids again. Rounds too: their facts
		// are read under it.
		await lookUp(tx, auth, { ...wanted, events: [], rounds: [] }, known);
		const seq = events.length ? await nextSeq(tx, auth.teamId, events.length) : 0;
		const now = new Date().toISOString();
		// The device's clock against ours, so the lead sees a phone whose time is wrong.
		const offset = clock === undefined ? null : Date.parse(clock) - Date.parse(now);
		const synced = asSync ? { now, pending: pending ?? 0, offset } : undefined;
		const rounds = await lookUp(tx, auth, missing(wanted, known), known, synced);
		known.roundFacts = await lookUpRoundFacts(tx, auth.teamId, valid, rounds);
		await known.needs.load(tx, auth, valid);
		const writes: Writes = { events: [], orders: [], quarantine: [], care: care.emptyCareWrites() };
		const results = parsed.map((p, i) => judge(p, auth, known, seq + i, now, writes));
		await insertRows(tx, 'orders (id, team_id, household_id, items, urgency, note, purchase, seq)', 8, writes.orders);
		await insertRows(
			tx,
			'events (id, team_id, device_id, type, household_id, body, received_at, seq, volunteer)',
			9,
			writes.events
		);
		await care.writeCare(tx, auth.teamId, writes.care);
		await known.needs.write(tx);
		if (writes.quarantine.length) {
			await insertRows(
				tx,
				'quarantine (team_id, id, event_id, device_id, reason, body, bytes, received_at)',
				8,
				writes.quarantine
			);
			await capQuarantine(tx, auth.teamId, auth.deviceId);
		}
		return results;
	});
}
