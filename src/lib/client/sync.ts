import { pullResponseSchema, pushResponseSchema, type PullResponse } from '$lib/domain/api';
import { ROUND_KINDS } from '$lib/domain/rounds/kinds';
import type { FieldEvent } from '$lib/domain/schemas';
import { CARE_SETTLE_TABLES, settleCareFoldIn } from './care-fold';
import type { DoorstepDb } from './db';
import type { Session } from './session';
import { request, RequestError } from './request';

export const PUSH_BATCH = 200;
const TIMEOUT_MS = 20_000;

/**
 * One push through the app's one request function. The device's clock goes with it, so the
 * lead is told when a phone's time is wrong (the fold caps such times anyway).
 */
export const push = (session: Session, events: FieldEvent[], pending: number) =>
	request('/api/sync/push', pushResponseSchema, {
		method: 'POST',
		body: { events, pending, clock: new Date().toISOString() },
		token: session.token,
		timeoutMs: TIMEOUT_MS
	});

export interface PushSummary {
	accepted: number;
	rejected: number;
}

/**
 * An event the server now has, about a household this device no longer holds (the lead moved
 * the volunteer elsewhere before it was sent), leaves the device like the household did.
 */
async function dropIfInvisible(db: DoorstepDb, id: string): Promise<void> {
	const e = await db.events.get(id);
	// A request of the needs desk reaches a device outside its area too (as a door): it stays.
	if (!e || e.type.startsWith('need_')) return;
	let householdId: string | undefined;
	if (e.type === 'delivery_request') householdId = e.order.householdId;
	else if (e.type === 'delivery_outcome') householdId = (await db.orders.get(e.orderId))?.householdId;
	// A disinfection record is about an area, not a household: it stays with the round.
	else if (e.type === 'disinfection' || e.type === 'disinfection_void') return;
	else householdId = e.householdId;
	if (householdId && (await db.households.get(householdId))) return;
	await db.events.delete(id);
	if (e.type === 'delivery_request') await db.orders.delete(e.order.id);
}

/** Every event this device recorded that is still on it, sent or not. */
const ownEvents = (db: DoorstepDb, session: Session): Promise<FieldEvent[]> =>
	db.events.filter((e) => e.deviceId === session.deviceId).toArray();

/**
 * After the store was restored from a backup (its epoch changed), sends again every event this
 * device recorded and still holds, acknowledged ones included: the restored store may lack any
 * of them, and it stores each id once, so what it had is answered "duplicate". Nothing is
 * deleted here, whatever the answer. Returns the ids the store did not take: the device keeps
 * those whatever it may see afterwards, since no store holds them now.
 */
async function pushOwnAgain(db: DoorstepDb, session: Session): Promise<Set<string>> {
	const unsent = new Set((await db.outbox.toCollection().primaryKeys()) as string[]);
	const events = (await ownEvents(db, session)).filter((e) => !unsent.has(e.id));
	const notTaken = new Set<string>();
	for (let i = 0; i < events.length; i += PUSH_BATCH) {
		const batch = events.slice(i, i + PUSH_BATCH);
		const body = await push(session, batch, unsent.size);
		const taken = new Set(body.results.filter((r) => r.status !== 'rejected').map((r) => r.id));
		for (const e of batch) if (!taken.has(e.id)) notTaken.add(e.id);
	}
	return notTaken;
}

/** Sends the outbox oldest first; deletes a row only for the server's answer about that id. */
export async function pushOutbox(db: DoorstepDb, session: Session): Promise<PushSummary> {
	const summary: PushSummary = { accepted: 0, rejected: 0 };
	for (;;) {
		const rows = await db.outbox.orderBy('id').limit(PUSH_BATCH).toArray();
		if (!rows.length) return summary;
		const events = (await db.events.bulkGet(rows.map((r) => r.id))).filter((e): e is FieldEvent => e !== undefined);
		const pending = await db.outbox.count();
		const body = await push(session, events, pending);
		const sent = new Set(events.map((e) => e.id));
		const now = new Date().toISOString();
		await db.transaction('rw', [db.outbox, db.events, db.rejected, db.households, db.orders], async () => {
			for (const r of body.results) {
				if (!sent.has(r.id)) continue;
				if (r.status === 'rejected') {
					const event = await db.events.get(r.id);
					if (event) await db.rejected.put({ id: r.id, reason: r.reason ?? 'refused', at: now, event });
					await db.events.delete(r.id);
					summary.rejected++;
				} else {
					summary.accepted++;
					await dropIfInvisible(db, r.id);
				}
				await db.outbox.delete(r.id);
			}
		});
		const answered = new Set(body.results.map((r) => r.id));
		if (!rows.some((r) => answered.has(r.id))) {
			throw new RequestError('server', 'the server did not answer for the events sent');
		}
	}
}

/**
 * The round kinds this build works on, sent with every pull: the server sends rounds of other
 * kinds as "unsupported" (the grid asks to update the app) and holds back their records.
 */
export const PULL_KINDS = ROUND_KINDS.join(',');

/** A server that keeps answering "resync" to a pull from 0 is broken; stop instead of looping. */
const MAX_RESYNCS = 3;

/** A pull's transaction: what a page writes, and the care fold it settles before it commits. */
const PULLED_TABLES = (db: DoorstepDb) => [
	...new Set([
		db.meta,
		db.households,
		db.foreignDoors,
		db.rounds,
		db.orders,
		db.assignments,
		db.events,
		db.outbox,
		...CARE_SETTLE_TABLES(db)
	])
];

/**
 * Writes one page into the copy; the caller holds a transaction over PULLED_TABLES and settles
 * the care fold once it has written every page it holds (settleCareFoldIn).
 */
async function applyPage(db: DoorstepDb, page: PullResponse): Promise<void> {
	await db.households.bulkPut(page.households);
	await db.foreignDoors.bulkPut(page.foreignDoors);
	await db.rounds.bulkPut(page.rounds);
	await db.orders.bulkPut(page.orders);
	await db.assignments.bulkPut(page.assignments);
	await db.events.bulkPut(page.events);
	if (page.removedHouseholds.length) {
		await db.households.bulkDelete(page.removedHouseholds);
		await db.foreignDoors.bulkDelete(page.removedHouseholds);
	}
	await db.meta.put({ key: 'cursor', value: page.cursor });
	await db.meta.put({ key: 'scope', value: page.scope });
	await db.meta.put({ key: 'epoch', value: page.epoch });
	await db.meta.put({ key: 'kinds', value: PULL_KINDS });
}

/**
 * Replaces the pulled copy with a complete fresh one, in one transaction: reference data and
 * other devices' events go, but every event recorded here stays through the swap (and the
 * orders its delivery requests made), so nothing recorded here is lost; refused events stay too.
 *
 * Afterwards, like after a push (dropIfInvisible), an event of this device's that the store
 * holds leaves with its household when the device may no longer see it. Kept whatever it is
 * about: every unsent event, and `notTaken`, the ones a restored store refused when they were
 * sent again (no store holds those).
 */
async function replaceCopy(
	db: DoorstepDb,
	session: Session,
	pages: PullResponse[],
	notTaken: Set<string>
): Promise<void> {
	await db.transaction('rw', PULLED_TABLES(db), async () => {
		const unsent = new Set((await db.outbox.toCollection().primaryKeys()) as string[]);
		const own = await ownEvents(db, session);
		const kept = new Set([...unsent, ...own.map((e) => e.id)]);
		const keptOrders = new Set<string>();
		for (const e of await db.events.bulkGet([...kept])) {
			if (e?.type === 'delivery_request') keptOrders.add(e.order.id);
		}
		const events = (await db.events.toCollection().primaryKeys()) as string[];
		await db.events.bulkDelete(events.filter((id) => !kept.has(id)));
		const orders = (await db.orders.toCollection().primaryKeys()) as string[];
		await db.orders.bulkDelete(orders.filter((id) => !keptOrders.has(id)));
		await db.households.clear();
		await db.foreignDoors.clear();
		await db.rounds.clear();
		await db.assignments.clear();
		for (const page of pages) await applyPage(db, page);
		for (const e of own) if (!unsent.has(e.id) && !notTaken.has(e.id)) await dropIfInvisible(db, e.id);
		// One settle for the whole fresh copy, not one a page.
		await settleCareFoldIn(db);
	});
}

/**
 * Pulls every page since the stored cursor; each page, its cursor and the store's epoch commit
 * together.
 *
 * When the server answers "resync" (the lead changed this device's buildings, or the cursor
 * belongs to another store), the device pulls everything from 0 and swaps the fresh copy in
 * only once it is complete: if the connection drops halfway, the old copy stays usable in the
 * field and the next sync starts the resync again (the server keeps answering "resync" to the
 * old cursor). The outbox is never touched.
 *
 * When the store's epoch is not the one the cursor came from (it was restored from a backup),
 * the cursor means nothing there: the device first sends again its own events the store may
 * have lost, then resyncs from 0 the same way. The new epoch is kept only with the complete
 * fresh copy, so an interrupted resync starts over, sending again too.
 */
export async function pullChanges(db: DoorstepDb, session: Session): Promise<number> {
	let received = 0;
	let resyncs = 0;
	/** Pages of a full resync, held until the last one arrives. */
	let fresh: PullResponse[] | null = null;
	let notTaken = new Set<string>();
	const knownEpoch = (await db.meta.get('epoch'))?.value as string | undefined;
	// A copy pulled by a build that knew other round kinds (an update) lacks their rounds and
	// records, older than its cursor: rebuild it from 0, as for a resync (the outbox stays).
	const pulledBefore = ((await db.meta.get('cursor'))?.value as number | undefined) ?? 0;
	if (pulledBefore > 0 && (await db.meta.get('kinds'))?.value !== PULL_KINDS) fresh = [];
	for (;;) {
		const last: PullResponse | undefined = fresh?.at(-1);
		const cursor = fresh ? (last?.cursor ?? 0) : (((await db.meta.get('cursor'))?.value as number | undefined) ?? 0);
		const scope = fresh ? (last?.scope ?? 0) : (((await db.meta.get('scope'))?.value as number | undefined) ?? 0);
		const query = new URLSearchParams({ cursor: String(cursor), scope: String(scope), kinds: PULL_KINDS });
		const page = await request(`/api/sync/pull?${query}`, pullResponseSchema, {
			token: session.token,
			timeoutMs: TIMEOUT_MS
		});
		// The team's lock rules (issue 9): the lock state watches this row.
		if (page.lock) await db.meta.put({ key: 'lockRules', value: page.lock });
		if (!fresh && knownEpoch !== undefined && page.epoch !== knownEpoch) {
			notTaken = await pushOwnAgain(db, session);
			fresh = [];
			continue;
		}
		if (page.resync) {
			if (++resyncs > MAX_RESYNCS) {
				throw new RequestError('server', `the server keeps asking for a full resync (${page.resync})`);
			}
			fresh = [];
			continue;
		}
		received +=
			page.households.length + page.rounds.length + page.orders.length + page.assignments.length + page.events.length;
		if (fresh) {
			fresh.push(page);
			if (page.more) continue;
			await replaceCopy(db, session, fresh, notTaken);
			return received;
		}
		// issue 13/11: the households this page marked (a new person has no stored row) are rebuilt
		// before it commits. Left to the care screens' live read, every later page re-read and
		// rebuilt every household marked since, and started a settle contending with the pull:
		// a lead's first sync of a large ledger grew with the square of its pages.
		await db.transaction('rw', PULLED_TABLES(db), async () => {
			await applyPage(db, page);
			await settleCareFoldIn(db);
		});
		if (!page.more) return received;
	}
}

/** One full exchange: push first so the pull brings back what the server made of it. */
export async function syncOnce(db: DoorstepDb, session: Session): Promise<PushSummary> {
	const summary = await pushOutbox(db, session);
	await pullChanges(db, session);
	await db.meta.put({ key: 'lastSync', value: new Date().toISOString() });
	return summary;
}
