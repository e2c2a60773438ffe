import type { DELIVERY_FAIL_REASONS, VisitOutcome } from '$lib/domain/constants';
import type { DeliveryOrder, FieldEvent, Household } from '$lib/domain/schemas';
import type { HouseholdStatus } from '$lib/domain/status';
import { db, keyring } from './db';
import { loadEventSchema, record } from './record';
import type { Session } from './session';
import { syncManager } from './sync-manager.svelte';
import { warmOnFirstTouch } from './warm-on-touch';

// The event schema (zod) is not part of the screens' first paint. The first touch or key press
// once unlocked (not the PIN pad's) starts loading it, so it is usually there by the time the
// volunteer taps an outcome; `record` waits for it either way.
if (typeof window !== 'undefined')
	warmOnFirstTouch(
		window,
		() => !keyring.locked,
		() => void loadEventSchema().catch(() => {})
	);

/** Records, then nudges a sync; the caller confirms only after `record` has committed. */
async function save(session: Session, fields: Parameters<typeof record>[2]): Promise<FieldEvent> {
	const event = await record(db, session, fields);
	void syncManager.sync();
	return event;
}

export interface VisitInput {
	outcome: VisitOutcome;
	sampled: number;
	tube: string;
	note: string;
}

/**
 * A new visit replaces what this device's volunteer said before about the household (their
 * own correction); other volunteers' records stay, so a disagreement is seen, not hidden.
 */
export function recordVisit(
	session: Session,
	household: Household,
	roundId: string,
	status: HouseholdStatus,
	input: VisitInput
): Promise<FieldEvent> {
	const mine = status.standing.filter((e) => e.deviceId === session.deviceId).map((e) => e.id);
	return save(session, {
		type: 'visit',
		householdId: household.id,
		roundId,
		outcome: input.outcome,
		sampled: input.outcome === 'sampled' ? input.sampled : 0,
		residents: Math.max(household.residents, input.sampled),
		tube: input.tube.trim(),
		note: input.note.trim(),
		replaces: mine
	});
}

/** Undo is a new event that voids the one undone; nothing is ever edited or deleted. */
export function undo(session: Session, event: FieldEvent, householdId: string): Promise<FieldEvent> {
	return save(session, { type: 'void', householdId, voids: [event.id] });
}

export function recordDelivered(
	session: Session,
	order: DeliveryOrder,
	collectedFen: number,
	note = ''
): Promise<FieldEvent> {
	return save(session, { type: 'delivery_outcome', orderId: order.id, outcome: 'delivered', collectedFen, note });
}

export type FailReason = (typeof DELIVERY_FAIL_REASONS)[number];

export function recordFailed(
	session: Session,
	order: DeliveryOrder,
	reason: FailReason,
	note = ''
): Promise<FieldEvent> {
	return save(session, {
		type: 'delivery_outcome',
		orderId: order.id,
		outcome: 'failed',
		reason,
		collectedFen: 0,
		note
	});
}

export function requestDelivery(session: Session, order: DeliveryOrder): Promise<FieldEvent> {
	return save(session, { type: 'delivery_request', order });
}
