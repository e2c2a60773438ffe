import { uuidv7 } from 'uuidv7';
import { EVENT_SCHEMA_VERSION, eventSchema, type FieldEvent } from '$lib/domain/schemas';
import type { DoorstepDb } from './db';
import type { Session } from './session';

type Fields<E> = E extends FieldEvent ? Omit<E, 'id' | 'v' | 'deviceId' | 'volunteer' | 'at'> : never;
export type EventFields = Fields<FieldEvent>;

/**
 * Records a field fact: the event and its outbox row commit in one IndexedDB transaction, and
 * the promise resolves only after that commit, so the screen never confirms what is not saved.
 */
export async function record(db: DoorstepDb, session: Session, fields: EventFields, now = new Date()): Promise<FieldEvent> {
	const event = eventSchema.parse({
		...fields,
		id: uuidv7(),
		v: EVENT_SCHEMA_VERSION,
		deviceId: session.deviceId,
		volunteer: session.volunteer,
		at: now.toISOString()
	});
	// Both writes are issued at once (one round trip, not two), and the orders store joins the
	// transaction only for the one event type that writes it.
	const stores = event.type === 'delivery_request' ? [db.events, db.outbox, db.orders] : [db.events, db.outbox];
	await db.transaction('rw', stores, () =>
		Promise.all([
			db.events.add(event),
			db.outbox.add({ id: event.id, tries: 0 }),
			// A request made at the door is a delivery order at once, before the server has it.
			event.type === 'delivery_request' ? db.orders.put(event.order) : undefined
		])
	);
	// Lets benchmarks measure tap-to-durable-commit without touching the database themselves.
	performance.mark('doorstep:committed', { detail: event.id });
	return event;
}
