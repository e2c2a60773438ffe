import type { FieldEvent, VisitEvent, VoidEvent } from './schemas';

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
