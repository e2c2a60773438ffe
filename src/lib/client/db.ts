import Dexie, { type EntityTable } from 'dexie';
import { Keyring } from './vault/keyring';
import { sealingMiddleware } from './vault/middleware';
import type { AsideRow } from './vault/aside';
import type { Assignment, DeliveryOrder, FieldEvent, Household, Round } from '$lib/domain/schemas';
import type { StoredFoldRow } from '$lib/domain/care/fold-rows';
import { careFoldMiddleware } from './care-fold';
import { tableMemo } from './table-memo';
import type { PhotoRow } from './photos/photo-store';
import type { KeptTransfer } from '$lib/domain/needs/transfer-kept';
import type { CoverageSnapshot } from './coverage-snapshot';

/** An event waiting for the server's acknowledgement. Only that acknowledgement deletes it. */
export interface OutboxRow {
	id: string;
	/** Failed push attempts, for back-off and for the status screen. */
	tries: number;
	/** When it was recorded: the status screen shows how long the oldest has waited. */
	queuedAt: string;
}

/** An event the server refused, kept with its reason so nothing recorded is lost silently. */
export interface RejectedRow {
	id: string;
	reason: string;
	at: string;
	/** The refused event itself, moved out of the fold so the screen shows what the server has. */
	event: FieldEvent;
}

export interface MetaRow {
	key: string;
	value: unknown;
}

export type DoorstepDb = Dexie & {
	/** The keyring the database seals with (a read outside a transaction may open rows in a batch). */
	keyring: Keyring;
	meta: EntityTable<MetaRow, 'key'>;
	households: EntityTable<Household, 'id'>;
	rounds: EntityTable<Round, 'id'>;
	orders: EntityTable<DeliveryOrder, 'id'>;
	assignments: EntityTable<Assignment, 'id'>;
	events: EntityTable<FieldEvent, 'id'>;
	outbox: EntityTable<OutboxRow, 'id'>;
	rejected: EntityTable<RejectedRow, 'id'>;
	/** Issue 11: the persisted care fold, one row a person (care-fold.ts). */
	careFold: EntityTable<StoredFoldRow, 'personId'>;
	/** Issue 11: households whose care rows wait for a rebuild ('*': all of them). */
	careDirty: EntityTable<{ householdId: string }, 'householdId'>;
	/** Issue 11: the team's volunteers as the last sync saw them, for pairing offline. */
	careVolunteers: EntityTable<{ id: string; volunteer: string }, 'id'>;
	aside: EntityTable<AsideRow, 'deviceId'>;
	/** photos (issues 10, 12): photos waiting for upload, or kept aside with a refused event. */
	photos: EntityTable<PhotoRow, 'id'>;
	/** issue 10: where this community's passed-on requests went, as the server last said (lead only). */
	needTransfers: EntityTable<KeptTransfer, 'needId'>;
	/**
	 * Issue 10: other communities' doors whose requests the street office passed here (pulled
	 * apart from the roster, PullResponse.foreignDoors): door and phone, never counted as the team's.
	 */
	foreignDoors: EntityTable<Household, 'id'>;
	/** Issue 13: the coverage screen's last figures, one sealed row, drawn first on the next open. */
	coverageSnapshot: EntityTable<CoverageSnapshot, 'key'>;
};

/**
 * Opens the database; residents' fields pass through `keyring` (sealed on write, opened on
 * read — see vault/keyring.ts for which stay clear).
 */
export function openDoorstepDb(name = 'doorstep', keyring = new Keyring()): DoorstepDb {
	const db = new Dexie(name) as DoorstepDb;
	db.keyring = keyring;
	// A bench-only build measures the cost of sealing against a pass-through in the same run
	// (bench:field); in every other build the constant is false and this branch is dropped.
	if (__DOORSTEP_BENCH_CLEAR__) db.use({ stack: 'dbcore', name: 'bench-clear-passthrough', create: (down) => down });
	else db.use(sealingMiddleware(keyring));
	db.use(careFoldMiddleware(keyring));
	db.use(tableMemo);
	db.version(1).stores({
		meta: 'key',
		households: 'id, [building+unit]',
		rounds: 'id',
		orders: 'id, householdId',
		assignments: 'id',
		events: 'id, householdId, type',
		outbox: 'id',
		rejected: 'id'
	});
	// Version 2 indexes the outbox by age. The upgrade rewrites every waiting row in place —
	// never drops one — taking the time from its event (tests: db.spec.ts, e2e schema-upgrade).
	db.version(2)
		.stores({ outbox: 'id, queuedAt' })
		.upgrade(async (tx) => {
			const outbox = tx.table<Partial<OutboxRow> & { id: string }, string>('outbox');
			const rows = await outbox.toArray();
			const events = await tx.table<FieldEvent, string>('events').bulkGet(rows.map((r) => r.id));
			const now = new Date().toISOString();
			await outbox.bulkPut(rows.map((r, i) => ({ ...r, tries: r.tries ?? 0, queuedAt: events[i]?.at ?? now })));
		});
	// Version 3 (issue 9): a forgotten PIN's unsent records, set aside (still sealed, under the old
	// key) while the lead decides and the volunteer works on under a new enrolment (vault/aside.ts).
	db.version(3).stores({ aside: 'deviceId' });
	// Version 5 (issue 11) keeps the care ledger folded beside its events; the rows are built
	// from the events on the first read (no fold version stored yet), nothing is migrated.
	// careVolunteers keeps the lead's list of volunteers for pairing offline (care-volunteers.ts).
	// Until the first read builds the rows, the whole ledger is marked: the event writes before it
	// (a new device's first pull) skip the incremental work.
	db.version(5)
		.stores({ careFold: 'personId, householdId, paired', careDirty: 'householdId', careVolunteers: 'id' })
		.upgrade((tx) => tx.table('careDirty').put({ householdId: '*' }));
	// Version 8 (photos, issues 10 and 12): a photo an event names, sealed like residents' fields
	// (it may show a face, a door or a name on a receipt) until the server has it.
	db.version(8).stores({ photos: 'id, eventId, state' });
	// Version 9 (issue 10): the lead's passed-on requests as the server last answered, so the
	// board counts them as passed on offline too (transfers-kept.ts). A new table: nothing to migrate.
	db.version(9).stores({ needTransfers: 'needId' });
	// Version 10 (issue 10): foreign doors, apart from `households` so no roster reader (grid,
	// rounds, coverage, care, export) ever counts them; only the requests read them. A new table.
	db.version(10).stores({ foreignDoors: 'id' });
	// Version 11 (issue 13): the coverage screen's last figures (coverage-snapshot.ts), so a
	// reload draws them without opening the 16,000 rows they come from. A new table, nothing to migrate.
	db.version(11).stores({ coverageSnapshot: 'key' });
	db.on('populate', (tx) => void tx.table('careDirty').put({ householdId: '*' }));
	return db;
}

/** The app's one database. Components read it through liveQuery and write through services. */
export const keyring = new Keyring();
export const db = openDoorstepDb('doorstep', keyring);
