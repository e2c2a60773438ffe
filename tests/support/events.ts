import type { DeliveryOrder, DeliveryOutcomeEvent, FieldEvent, Household, VisitEvent, VoidEvent } from '$lib/domain/schemas';

let n = 0;
/** Builds valid events for tests; ids sort in creation order like UUIDv7s. */
export function visit(over: Partial<VisitEvent> = {}): VisitEvent {
	n++;
	return {
		id: `e${String(n).padStart(6, '0')}`,
		v: 1,
		type: 'visit',
		deviceId: 'dev-a',
		volunteer: 'A',
		at: `2026-11-23T08:${String(n % 60).padStart(2, '0')}:00.000Z`,
		householdId: 'h1',
		roundId: 'r1',
		outcome: 'sampled',
		sampled: 3,
		residents: 3,
		tube: '',
		note: '',
		replaces: [],
		...over
	};
}

export function voiding(target: FieldEvent, over: Partial<VoidEvent> = {}): VoidEvent {
	n++;
	return {
		id: `e${String(n).padStart(6, '0')}`,
		v: 1,
		type: 'void',
		deviceId: target.deviceId,
		volunteer: target.volunteer,
		at: `2026-11-23T09:${String(n % 60).padStart(2, '0')}:00.000Z`,
		householdId: 'householdId' in target ? target.householdId : 'h1',
		voids: [target.id],
		...over
	};
}

export function outcome(orderId: string, over: Partial<DeliveryOutcomeEvent> = {}): DeliveryOutcomeEvent {
	n++;
	return {
		id: `e${String(n).padStart(6, '0')}`,
		v: 1,
		type: 'delivery_outcome',
		deviceId: 'dev-a',
		volunteer: 'A',
		at: `2026-11-23T10:${String(n % 60).padStart(2, '0')}:00.000Z`,
		orderId,
		outcome: 'delivered',
		collectedFen: 0,
		note: '',
		...over
	};
}

/** A household of the roster; id, place and size are what tests vary. */
export function household(id: string, over: Partial<Household> = {}): Household {
	return {
		id,
		building: '1',
		unit: '1',
		floor: 1,
		room: '101',
		head: '张三',
		phone: '',
		residents: 3,
		tags: [],
		note: '',
		...over
	};
}

export function order(id: string, householdId: string, over: Partial<DeliveryOrder> = {}): DeliveryOrder {
	return { id, householdId, items: ['桶装水'], urgency: 'normal', note: '', purchase: false, ...over };
}
