import { uuidv7 } from 'uuidv7';
import { EVENT_SCHEMA_VERSION } from '$lib/domain/constants';
import type { FieldEvent } from '$lib/domain/schemas';
import type { DoorstepDb } from './db';
import type { Session } from './session';

type Fields<E> = E extends FieldEvent ? Omit<E, 'id' | 'v' | 'deviceId' | 'volunteer' | 'at'> : never;
export type EventFields = Fields<FieldEvent>;

let schemas: Promise<typeof import('$lib/domain/schemas')> | null = null;

/**
 * The event schema (and zod with it) is loaded on the first record, not at first paint; the
 * promise is kept, so later records wait for nothing. A failed load is not kept: the next
 * record tries again.
 */
export function loadEventSchema(): Promise<typeof import('$lib/domain/schemas')> {
	schemas ??= import('$lib/domain/schemas').catch((err: unknown) => {
		schemas = null;
		throw err;
	});
	return schemas;
}

/**
 * Records a field fact: the event and its outbox row commit in one IndexedDB transaction, and
 * the promise resolves only after that commit, so the screen never confirms what is not saved.
 * Every event is parsed with the event schema first; an invalid one throws and nothing is written.
 */
export async function record(
	db: DoorstepDb,
	session: Session,
	fields: EventFields,
	now = new Date(),
	/** A derived id, for an event several devices may record alike (a care refill's request). */
	id = uuidv7()
): Promise<FieldEvent> {
	const { eventSchema } = await loadEventSchema();
	const event = eventSchema.parse({
		...fields,
		id,
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
			db.outbox.add({ id: event.id, tries: 0, queuedAt: event.at }),
			// A request made at the door is a delivery order at once, before the server has it.
			event.type === 'delivery_request' ? db.orders.put(event.order) : undefined
		])
	);
	// Lets benchmarks measure tap-to-durable-commit without touching the database themselves.
	performance.mark('doorstep:committed', { detail: event.id });
	return event;
}
