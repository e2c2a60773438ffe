import fc from 'fast-check';
import { eventSchema } from '$lib/domain/schemas';
import { created, needEvent, placeOf } from '$tests/support/needs';

/**
 * The needs desk's part of the push fuzz (tests/fuzz/api.fuzz.spec.ts): need events a volunteer
 * sends that must each be refused with a reason, changing nothing — broken fields, another
 * team's household, a false place, a request nobody created, and the lead's own steps.
 */
export function hostileNeedEvents(volunteer: { deviceId: string; volunteer: string }, foreignHousehold: string) {
	const ref = (needId: string, householdId = 'demo-1-1-101') => ({ needId, householdId });
	const fresh = fc.uuid();
	const valid = (id: string) => created(volunteer, ref(`fz-${id}`), { id });
	const keys = ['needId', 'householdId', 'kind', 'items', 'urgency', 'channel', 'askedAt', 'place', 'note'];
	const mutated = fc
		.tuple(fresh, fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 }))
		.map(([id, key, value]) => ({ ...valid(id), [key]: value }) as Record<string, unknown>)
		.filter((e) => !eventSchema.safeParse(e).success);
	const misplaced = fc.tuple(fresh, fc.string({ maxLength: 20 })).chain(([id, s]) =>
		fc.constantFrom<Record<string, unknown>>(
			created(volunteer, ref(`fz-${id}`, foreignHousehold), { id, place: placeOf('x') }),
			created(volunteer, ref(`fz-${id}`, `zz-${s}`.slice(0, 64)), { id }),
			created(volunteer, ref(`fz-${id}`), { id, place: { building: '9', unit: '9', room: s || '1' } }),
			needEvent('need_claimed', volunteer, ref(`zz-${s}`.slice(0, 64)), {}, { id }),
			needEvent(
				'need_done',
				volunteer,
				ref(`zz-${s}`.slice(0, 64)),
				{ items: [], collectedFen: 1, feedback: null, note: '' },
				{ id }
			),
			needEvent('need_dispatched', volunteer, ref(`zz-${s}`.slice(0, 64)), { to: null }, { id }),
			{
				...needEvent('need_done', volunteer, ref('fz'), { items: [], collectedFen: -5, feedback: null, note: '' }),
				id
			},
			{ ...needEvent('need_not_done', volunteer, ref('fz'), { reason: 'other', note: '' }), id, reason: 'bored' }
		)
	);
	return fc.oneof(mutated, misplaced);
}
