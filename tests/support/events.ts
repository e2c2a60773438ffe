import type {
	DeliveryOrder,
	DeliveryOutcomeEvent,
	FieldEvent,
	Household,
	VisitEvent,
	VoidEvent
} from '$lib/domain/schemas';

let n = 0;
/** The next event's id and device time: ids sort in creation order like UUIDv7s. */
function next(hour: string): { id: string; at: string } {
	n++;
	return { id: `e${String(n).padStart(6, '0')}`, at: `2026-11-23T${hour}:${String(n % 60).padStart(2, '0')}:00.000Z` };
}

/** Builds valid events for tests. */
export function visit(over: Partial<VisitEvent> = {}): VisitEvent {
	return {
		...next('08'),
		v: 1,
		type: 'visit',
		deviceId: 'dev-a',
		volunteer: 'A',
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
	return {
		...next('09'),
		v: 1,
		type: 'void',
		deviceId: target.deviceId,
		volunteer: target.volunteer,
		householdId: 'householdId' in target ? target.householdId : 'h1',
		voids: [target.id],
		...over
	};
}

export function outcome(orderId: string, over: Partial<DeliveryOutcomeEvent> = {}): DeliveryOutcomeEvent {
	return {
		...next('10'),
		v: 1,
		type: 'delivery_outcome',
		deviceId: 'dev-a',
		volunteer: 'A',
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
