import Dexie, {
	type DBCore,
	type DBCoreAddRequest,
	type DBCoreDeleteRequest,
	type DBCorePutRequest,
	type DBCoreMutateRequest,
	type DBCoreTable,
	type DBCoreTransaction,
	type Middleware
} from 'dexie';
import { isCareEvent, type CareEvent } from '$lib/domain/care/fold';
import {
	CARE_FOLD_VERSION,
	foldRows,
	packRow,
	stepFold,
	unpackRow,
	type CareFoldRow,
	type StoredFoldRow
} from '$lib/domain/care/fold-rows';
import type { FieldEvent, Household } from '$lib/domain/schemas';
import type { DoorstepDb } from './db';
import type { Keyring } from './vault/keyring';
import { readOpened } from './vault/read-opened';

/** A marked "household" meaning every row: rebuild the whole ledger from the events. */
export const ALL = '*';
/** The meta row naming the fold version the stored rows were built by. */
export const FOLD_VERSION_KEY = 'careFoldVersion';
export const CARE_TYPES = ['care_person', 'care_correct', 'care_pair', 'care_plan', 'care_check'];
const FOLD_TABLES = ['careFold', 'careDirty'];
/**
 * The meta row every write of what the today list shows (the fold, its marks, the households)
 * changes, in the write's own transaction: a fresh token, so the list's snapshot (care-today.ts)
 * is shown only while it names the token that stands.
 */
export const CARE_STAMP_KEY = 'careStamp';
/** The tables whose writes change CARE_STAMP_KEY (events through track, which writes the fold). */
const STAMPED = new Set(['careFold', 'careDirty', 'households']);

/**
 * Keeps the persisted care fold (`careFold`, one row a person) true to the events, in the same
 * IndexedDB transaction as every write of an event — whoever writes it (a tap, a pull, a resync,
 * a push answer, a wipe) — so a crash can never leave the two disagreeing. A care event later
 * than all its person's row holds is folded on top; anything else (a late arrival, a changed
 * receipt time, a new person, a delete) marks its household in `careDirty`, and the next read
 * rebuilds that household's rows from its events (readCareLedger, settleCareFold).
 *
 * It sits above the sealing middleware (it sees events in clear and its rows are sealed on the
 * way down) and widens every read-write transaction over `events` to the two fold tables.
 */
export function careFoldMiddleware(keyring: Keyring): Middleware<DBCore> {
	return {
		stack: 'dbcore',
		name: 'care-fold',
		level: 20,
		create(down) {
			return {
				...down,
				transaction(stores, mode, options) {
					const widen = mode === 'readwrite' && stores.includes('events');
					const stamp = mode === 'readwrite' && (widen || stores.some((s) => STAMPED.has(s)));
					const all = [...stores, ...(widen ? FOLD_TABLES : []), ...(stamp ? ['meta'] : [])];
					return down.transaction(widen || stamp ? [...new Set(all)] : stores, mode, options);
				},
				table(name): DBCoreTable {
					const table = down.table(name);
					if (STAMPED.has(name))
						return {
							...table,
							mutate: (req) => Dexie.Promise.resolve(restamp(down, req.trans)).then(() => table.mutate(req))
						};
					if (name !== 'events') return table;
					return {
						...table,
						// A visit, a round record or a request (every tap but the care list's) touches no
						// fold row: it goes straight down, in the same tick, with no read and no extra
						// promise in the transaction the tap waits on.
						mutate: (req) =>
							(req.type === 'add' || req.type === 'put') && !(req.values as FieldEvent[]).some(isCareEvent)
								? table.mutate(req)
								: Dexie.Promise.resolve(track(down, keyring, table, req)).then(() => table.mutate(req))
					};
				}
			};
		}
	};
}

/**
 * What one transaction deleted and may put back (a resync deletes the copy and writes it again):
 * an event put back unchanged cancels its delete, and a household whose every deleted event came
 * back, and that nothing else marked, is unmarked again — so a resync does not cost a rebuild.
 */
interface TxMemo {
	removed: Map<string, CareEvent>;
	/** Per household this transaction marked by deletes: deleted events not yet back. */
	pending: Map<string, number>;
	/** Households that must be rebuilt whatever comes back (marked before, or by a write). */
	hard: Set<string>;
}
const memos = new WeakMap<DBCoreTransaction, TxMemo>();
const memoOf = (trans: DBCoreTransaction): TxMemo => {
	let m = memos.get(trans);
	if (!m) memos.set(trans, (m = { removed: new Map(), pending: new Map(), hard: new Set() }));
	return m;
};

type Dirty = { householdId: string } | undefined;

/**
 * Written as chains of Dexie's own promises, not async/await: Dexie's hooks below read the
 * transaction from its zone, which a native await would lose between two writes.
 */
/** Transactions that already changed CARE_STAMP_KEY: once is enough (a commit is all or nothing). */
const stamped = new WeakSet<DBCoreTransaction>();
function restamp(down: DBCore, trans: DBCoreTransaction): PromiseLike<unknown> {
	if (stamped.has(trans)) return Dexie.Promise.resolve();
	stamped.add(trans);
	return down
		.table('meta')
		.mutate({ trans, type: 'put', values: [{ key: CARE_STAMP_KEY, value: crypto.randomUUID() }] });
}

function track(down: DBCore, keyring: Keyring, events: DBCoreTable, req: DBCoreMutateRequest): PromiseLike<unknown> {
	const { trans } = req;
	return restamp(down, trans).then(() => trackStamped(down, keyring, events, req));
}

function trackStamped(
	down: DBCore,
	keyring: Keyring,
	events: DBCoreTable,
	req: DBCoreMutateRequest
): PromiseLike<unknown> {
	const { trans } = req;
	const dirtyTable = down.table('careDirty');
	const mark = (households: Iterable<string>) =>
		dirtyTable.mutate({ trans, type: 'put', values: [...new Set(households)].map((householdId) => ({ householdId })) });
	if (req.type === 'deleteRange') return mark([ALL]);
	// While the whole ledger waits for a rebuild (a new device's first pull), nothing to track.
	return dirtyTable
		.get({ trans, key: ALL })
		.then((all: Dirty) => (all ? undefined : trackRows(down, keyring, events, req)));
}

function trackRows(
	down: DBCore,
	keyring: Keyring,
	events: DBCoreTable,
	req: DBCorePutRequest | DBCoreAddRequest | DBCoreDeleteRequest
): PromiseLike<unknown> {
	const { trans } = req;
	const dirtyTable = down.table('careDirty');
	const mark = (households: Iterable<string>) =>
		dirtyTable.mutate({ trans, type: 'put', values: [...new Set(households)].map((householdId) => ({ householdId })) });
	const memo = memoOf(trans);
	if (req.type === 'delete') {
		// A wipe runs while locked, when no event can be read: rebuild everything afterwards.
		if (keyring.locked) return mark([ALL]);
		return events.getMany({ trans, keys: req.keys }).then((rows: (FieldEvent | undefined)[]) => {
			const gone = rows.filter((e): e is CareEvent => !!e && isCareEvent(e));
			if (!gone.length) return;
			const households = [...new Set(gone.map((e) => e.householdId))];
			return dirtyTable.getMany({ trans, keys: households }).then((dirty: Dirty[]) => {
				households.forEach((h, i) => {
					if (dirty[i] && !memo.pending.has(h)) memo.hard.add(h);
				});
				for (const e of gone) {
					memo.removed.set(e.id, e);
					memo.pending.set(e.householdId, (memo.pending.get(e.householdId) ?? 0) + 1);
				}
				return mark(households);
			});
		});
	}
	const values = (req.values as FieldEvent[]).filter(isCareEvent);
	if (!values.length) return Dexie.Promise.resolve();
	const ids = values.map((e) => e.id);
	const households = [...new Set(values.map((e) => e.householdId))];
	const people = [...new Set(values.map((e) => e.personId))];
	return Dexie.Promise.all([
		events.getMany({ trans, keys: ids }),
		dirtyTable.getMany({ trans, keys: [ALL, ...households] }),
		down.table('careFold').getMany({ trans, keys: people })
	]).then(([before, dirty, stored]: [(FieldEvent | undefined)[], Dirty[], (StoredFoldRow | undefined)[]]) => {
		if (dirty[0]) return;
		// Marked households wait for their rebuild; those only this transaction's deletes marked go on.
		const marked = new Set(
			dirty.flatMap((d) =>
				d && (!memo.pending.has(d.householdId) || memo.hard.has(d.householdId)) ? [d.householdId] : []
			)
		);
		const copies = new Map(before.flatMap((e, i) => (e ? [[ids[i], e] as const] : [])));
		const rows = new Map(stored.flatMap((r, i) => (r ? [[people[i], unpackRow(r)] as const] : [])));
		const changed = new Map<string, CareFoldRow>();
		const toMark = new Set<string>();
		for (const e of values) {
			let was = copies.get(e.id);
			const back = !was && memo.removed.get(e.id);
			if (back) {
				// Deleted earlier in this transaction and written again: compare with that copy.
				was = back;
				memo.removed.delete(e.id);
				memo.pending.set(back.householdId, (memo.pending.get(back.householdId) ?? 1) - 1);
			}
			copies.set(e.id, e);
			if (marked.has(e.householdId) || toMark.has(e.householdId)) continue;
			const step = stepFold(rows.get(e.personId), e, was);
			if (step.kind === 'row') {
				rows.set(e.personId, step.row);
				changed.set(e.personId, step.row);
			} else if (step.kind === 'rebuild') {
				toMark.add(step.householdId);
				memo.hard.add(step.householdId);
			}
		}
		const unmark = households.filter((h) => memo.pending.get(h) === 0 && !memo.hard.has(h));
		for (const h of unmark) memo.pending.delete(h);
		const writes: PromiseLike<unknown>[] = [];
		const kept = [...changed.values()].filter((r) => !toMark.has(r.householdId));
		if (kept.length) writes.push(down.table('careFold').mutate({ trans, type: 'put', values: kept.map(packRow) }));
		if (toMark.size) writes.push(mark(toMark));
		if (unmark.length) writes.push(dirtyTable.mutate({ trans, type: 'delete', keys: unmark }));
		return Dexie.Promise.all(writes);
	});
}

export interface CareLedgerRead {
	rows: CareFoldRow[];
	/**
	 * With `pairedWith`: the households those people live in that this device holds (a door
	 * label, and whether a request can start there), read in the same transaction and opened in
	 * the same batch — not the device's whole roster, which a volunteer's area can make a thousand.
	 */
	households?: Household[];
	/** Whether the stored rows needed a rebuild (settleCareFold stores it). */
	stale: boolean;
	/** With `pairedWith`: CARE_STAMP_KEY as the read found it (the snapshot it may be kept as names it). */
	stamp?: string | null;
}

/** What waits for a rebuild: the whole ledger (marked, or built by another fold version), or these households. */
interface Marks {
	all: boolean;
	households: string[];
}

async function marks(db: DoorstepDb): Promise<Marks> {
	const version = (await db.meta.get(FOLD_VERSION_KEY))?.value;
	const households = (await db.careDirty.toCollection().primaryKeys()) as string[];
	return { all: version !== CARE_FOLD_VERSION || households.includes(ALL), households };
}

/** The marked rows folded afresh from their events: the one rebuild both the read and the settle use. */
const rebuild = async (db: DoorstepDb, { all, households }: Marks): Promise<CareFoldRow[]> =>
	foldRows(
		all
			? await db.events.where('type').anyOf(CARE_TYPES).toArray()
			: await db.events.where('householdId').anyOf(households).toArray()
	);

interface Computed {
	/**
	 * The stored rows read, then (with `pairedWith`) their households, still sealed:
	 * readCareLedger opens them in one batch (readOpened).
	 */
	rows: [StoredFoldRow[]] | [StoredFoldRow[], Household[]];
	/** The marked households' rows, rebuilt; the stored rows of those households are left out. */
	fresh: CareFoldRow[];
	rebuilt: Set<string>;
	stale: boolean;
	stamp?: string | null;
}

async function compute(db: DoorstepDb, pairedWith?: string): Promise<Computed> {
	const marked = await marks(db);
	let stored: StoredFoldRow[];
	// A ledger marked whole is rebuilt from its events below: no stored row is read.
	if (marked.all) stored = [];
	else if (pairedWith === undefined) stored = await db.careFold.toArray();
	else {
		// A phone's today list reads only its own pairs' rows (~200), not the whole team's.
		stored = await db.careFold.where('paired').equals(pairedWith).toArray();
		// A live query over this read then follows every write of the fold, not only the index range
		// (a count reads no row).
		await db.careFold.count();
	}
	const rebuilt = new Set(marked.all ? [] : marked.households);
	const stale = marked.all || rebuilt.size > 0;
	const all = stale ? await rebuild(db, marked) : [];
	const fresh = pairedWith === undefined ? all : all.filter((r) => r.paired === pairedWith);
	if (pairedWith === undefined) return { rows: [stored], fresh, rebuilt, stale };
	// The households their doors are in, by the clear `householdId` of the rows that stand.
	const doors = [
		...new Set([...stored.filter((r) => !rebuilt.has(r.householdId)), ...fresh].map((r) => r.householdId))
	];
	const households = (await db.households.bulkGet(doors)).filter((h) => h !== undefined);
	const stamp = ((await db.meta.get(CARE_STAMP_KEY))?.value as string | undefined) ?? null;
	return { rows: [stored, households], fresh, rebuilt, stale, stamp };
}

/** The tables the ledger's read and a settle use: a caller's transaction must hold them all (sync's pull does). */
export const CARE_SETTLE_TABLES = (db: DoorstepDb) => [db.meta, db.events, db.careFold, db.careDirty];

/**
 * The care ledger as the stored rows hold it, with any marked household rebuilt from its events
 * in memory (a read-only transaction, so it can run inside a live query). With `pairedWith`,
 * only the people paired with that device.
 */
export async function readCareLedger(db: DoorstepDb, pairedWith?: string): Promise<CareLedgerRead> {
	// The stored rows open after the read, all at once: one by one inside it they were most of the
	// today list's first paint at CPU 4× (docs/benchmarks.md, session 8). The events a rebuild
	// reads open as they are read.
	const tables = pairedWith === undefined ? [db.careFold] : [db.careFold, db.households];
	const {
		rows: [stored, households],
		fresh,
		rebuilt,
		stale,
		stamp
	} = await readOpened(db, [...CARE_SETTLE_TABLES(db), db.households], tables, () => compute(db, pairedWith));
	const rows = stored.filter((r) => !rebuilt.has(r.householdId)).map(unpackRow);
	return {
		rows: [...rows, ...fresh],
		stale,
		...(households && { households: households as Household[], stamp })
	};
}

/**
 * Rebuilds the marked households' rows from their events (the whole ledger when it is marked,
 * or was built by another fold version), stores them and clears the marks — inside the caller's
 * read-write transaction over CARE_SETTLE_TABLES, so a pull page and the settle of what it
 * marked commit together. With nothing marked it reads two keys and writes nothing.
 */
export async function settleCareFoldIn(db: DoorstepDb): Promise<void> {
	const marked = await marks(db);
	if (!marked.all && !marked.households.length) return;
	const rows = await rebuild(db, marked);
	if (marked.all) {
		await db.careFold.clear();
		await db.meta.put({ key: FOLD_VERSION_KEY, value: CARE_FOLD_VERSION });
	} else await db.careFold.where('householdId').anyOf(marked.households).delete();
	await db.careFold.bulkPut(rows.map(packRow));
	await db.careDirty.bulkDelete(marked.households);
}

/** Per database: the settle running, and the one queued behind it. */
const settling = new WeakMap<DoorstepDb, { running?: Promise<void>; queued?: Promise<void> }>();

/**
 * Stores what readCareLedger rebuilt, and clears the marks, in one transaction of its own.
 * One at a time per database: every live-query answer that reads stale rows asks for a settle,
 * and concurrent settles would each re-read the same households' events and contend with the
 * pull's transactions. A call while one runs joins the single settle queued behind it (marks
 * made after the running one read them are not missed); further calls join that one too.
 */
export function settleCareFold(db: DoorstepDb): Promise<void> {
	let s = settling.get(db);
	if (!s) settling.set(db, (s = {}));
	const state = s;
	if (state.queued) return state.queued;
	if (state.running) {
		state.queued = state.running
			.catch(() => undefined)
			.then(() => {
				state.queued = undefined;
				return settleCareFold(db);
			});
		return state.queued;
	}
	state.running = db
		.transaction('rw', CARE_SETTLE_TABLES(db), () => settleCareFoldIn(db))
		.finally(() => (state.running = undefined));
	return state.running;
}
