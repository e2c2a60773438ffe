import type { FieldEvent } from '$lib/domain/schemas';

/** An events row as both stores return it. */
export interface EventRow {
	body: string;
	volunteer: string | null;
	received_at: string;
}

/**
 * An event as the server knows it, and as every device receives it: who recorded it is the name
 * the device enrolled with (what the event says is not trusted), and when the server received it
 * is stamped on, which the fold uses to cap a wrong clock (see effectiveTime). Every fold of the
 * server's events starts here, so devices and server fold the same input.
 */
export function storedEvent(r: EventRow): FieldEvent {
	const e = JSON.parse(r.body) as FieldEvent;
	e.volunteer = r.volunteer ?? e.volunteer;
	e.receivedAt = r.received_at;
	return e;
}
