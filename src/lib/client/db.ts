import Dexie, { type EntityTable } from 'dexie';
import type { Assignment, DeliveryOrder, FieldEvent, Household, Round } from '$lib/domain/schemas';

/** An event waiting for the server's acknowledgement. Only that acknowledgement deletes it. */
export interface OutboxRow {
	id: string;
	/** Failed push attempts, for back-off and for the status screen. */
	tries: number;
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
	meta: EntityTable<MetaRow, 'key'>;
	households: EntityTable<Household, 'id'>;
	rounds: EntityTable<Round, 'id'>;
	orders: EntityTable<DeliveryOrder, 'id'>;
	assignments: EntityTable<Assignment, 'id'>;
	events: EntityTable<FieldEvent, 'id'>;
	outbox: EntityTable<OutboxRow, 'id'>;
	rejected: EntityTable<RejectedRow, 'id'>;
};

export function openDoorstepDb(name = 'doorstep'): DoorstepDb {
	const db = new Dexie(name) as DoorstepDb;
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
	return db;
}

/** The app's one database. Components read it through liveQuery and write through services. */
export const db = openDoorstepDb();
