import type { NeedEvent } from '$lib/domain/schemas';

type Of<T extends NeedEvent['type']> = Extract<NeedEvent, { type: T }>;
type Fields<T extends NeedEvent['type']> = Omit<
	Of<T>,
	'id' | 'v' | 'deviceId' | 'volunteer' | 'at' | 'type' | 'needId' | 'householdId'
>;

/** Who records a need event, and about which request. */
export interface NeedActor {
	deviceId: string;
	volunteer: string;
}

let n = 0;

/** The place of a demo household id (demo-B-U-ROOM), or of any other as building 1 unit 1. */
export function placeOf(householdId: string): { building: string; unit: string; room: string } {
	const m = /^demo-(\w+)-(\w+)-(\w+)$/.exec(householdId);
	return m ? { building: m[1], unit: m[2], room: m[3] } : { building: '1', unit: '1', room: '101' };
}

/** Builds one valid need event for tests; ids sort in creation order like UUIDv7s. */
export function needEvent<T extends NeedEvent['type']>(
	type: T,
	who: NeedActor,
	need: { needId: string; householdId: string },
	fields: Fields<T>,
	over: Partial<NeedEvent> = {}
): Of<T> {
	n++;
	return {
		id: `n${String(n).padStart(6, '0')}`,
		v: 1,
		at: `2026-11-23T09:${String(n % 60).padStart(2, '0')}:00.000Z`,
		deviceId: who.deviceId,
		volunteer: who.volunteer,
		type,
		...need,
		...fields,
		...over
	} as Of<T>;
}

export const created = (who: NeedActor, need: { needId: string; householdId: string }, over: Partial<NeedEvent> = {}) =>
	needEvent(
		'need_created',
		who,
		need,
		{
			kind: 'shopping',
			items: ['大米 5kg'],
			urgency: 'normal',
			channel: 'phone',
			askedAt: '2026-11-23T08:00:00.000Z',
			place: placeOf(need.householdId),
			note: ''
		},
		over
	);

export const done = (who: NeedActor, need: { needId: string; householdId: string }, over: Partial<NeedEvent> = {}) =>
	needEvent('need_done', who, need, { items: [], collectedFen: 0, feedback: null, note: '' }, over);
