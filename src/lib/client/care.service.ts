import type { CheckResult, CareDuty } from '$lib/domain/care/constants';
import type { CarePerson, CarePlan } from '$lib/domain/care/schemas';
import type { CareState } from '$lib/domain/care/fold';
import { needIdOfCheck, refillIds, refillKind, requestNote } from '$lib/domain/care/requests';
import { KIND_URGENCY, type NeedKind } from '$lib/domain/needs/kinds';
import type { FieldEvent, Household } from '$lib/domain/schemas';
import { uuidv7 } from 'uuidv7';
import { db } from './db';
import { record } from './record';
import type { Session } from './session';
import { syncManager } from './sync-manager.svelte';

// The care ledger's actions (issue 11). Each is an event, recorded offline like every other,
// then a sync is nudged; the screen confirms only after the record has committed.

async function save(session: Session, fields: Parameters<typeof record>[2]): Promise<FieldEvent> {
	const event = await record(db, session, fields);
	void syncManager.sync();
	return event;
}

/** A person found at the door (or entered by the lead): a new entry on the ledger. */
export const addPerson = (session: Session, householdId: string, person: CarePerson) =>
	save(session, { type: 'care_person', personId: uuidv7(), householdId, person });

/** Only the fields that differ from the ledger are sent, so a correction never resets another's. */
export function correctPerson(session: Session, state: CareState, next: CarePerson): Promise<FieldEvent> | null {
	const fields: Partial<Record<keyof CarePerson, unknown>> = {};
	for (const key of Object.keys(next) as (keyof CarePerson)[]) {
		if (JSON.stringify(next[key]) !== JSON.stringify(state.person[key])) fields[key] = next[key];
	}
	if (!Object.keys(fields).length) return null;
	return save(session, {
		type: 'care_correct',
		personId: state.id,
		householdId: state.householdId,
		fields: fields as Partial<CarePerson>
	});
}

export const recordCheck = (session: Session, state: CareState, duty: CareDuty, result: CheckResult, note = '') =>
	save(session, { type: 'care_check', personId: state.id, householdId: state.householdId, duty, result, note });

/** The lead pairs a person with a volunteer's device (null: unpairs). */
export const pairPerson = (session: Session, state: CareState, device: { id: string; name: string } | null) =>
	save(session, {
		type: 'care_pair',
		personId: state.id,
		householdId: state.householdId,
		pairedDeviceId: device?.id ?? null,
		pairedName: device?.name ?? ''
	});

export const setPlan = (session: Session, state: CareState, plan: CarePlan) =>
	save(session, { type: 'care_plan', personId: state.id, householdId: state.householdId, plan });

const placeOf = (h: Household) => ({ building: h.building, unit: h.unit, room: h.room });

/** What a person asked for, picked in the one short step after "needs something". */
export interface CareNeed {
	kind: NeedKind;
	items: string[];
	note: string;
}

/**
 * "Needs something": a request on the needs desk for the person's household, naming the person
 * (in its note, which volunteers outside the area never receive), then the check-in that names
 * the request. Without the household's door on this device no request can be made (it carries
 * the door): the check-in alone is kept, and stays a task on the today list.
 * The request is written first: if the phone dies between the two, the person is still due and
 * the request exists, rather than a check-in naming a request that was never made.
 */
export async function needsSomething(
	session: Session,
	state: CareState,
	duty: CareDuty,
	household: Household | undefined,
	need: CareNeed
): Promise<void> {
	const checkId = uuidv7();
	const needId = needIdOfCheck(checkId);
	if (household) {
		await record(db, session, {
			type: 'need_created',
			needId,
			householdId: state.householdId,
			place: placeOf(household),
			kind: need.kind,
			items: need.items,
			urgency: KIND_URGENCY[need.kind],
			channel: 'phone',
			askedAt: new Date().toISOString(),
			note: requestNote(state.person.name, need.note)
		});
	}
	const check = {
		type: 'care_check',
		personId: state.id,
		householdId: state.householdId,
		duty,
		result: 'needs'
	} as const;
	await record(db, session, { ...check, note: need.note, ...(household ? { needId } : {}) }, new Date(), checkId);
	void syncManager.sync();
}

const handing = new Set<string>();

/**
 * Hands a due refill to the needs desk, once: the request and the check-in that marks it handed
 * have ids derived from person and due day (refillIds), so this device skips what it holds
 * already and another device's copy is answered by the server as a duplicate. Called by the
 * paired volunteer's today list for each refill it shows due (refillsToRequest).
 */
export async function handRefill(session: Session, state: CareState, due: string, household: Household): Promise<void> {
	const ids = refillIds(state.id, due);
	if (handing.has(ids.checkEventId)) return;
	handing.add(ids.checkEventId);
	try {
		// Whether they are held, from the keys alone: every open of the today list asks this for each
		// refill due, and reading the events would unseal each (~2 ms a row at CPU 4×; docs/benchmarks.md).
		const held = (await db.events.where('id').anyOf([ids.checkEventId, ids.needEventId]).primaryKeys()) as string[];
		if (held.includes(ids.checkEventId)) return;
		if (!held.includes(ids.needEventId)) {
			const kind = refillKind(state);
			await record(
				db,
				session,
				{
					type: 'need_created',
					needId: ids.needId,
					householdId: state.householdId,
					place: placeOf(household),
					kind,
					items: state.person.medicines.map((m) => m.name),
					urgency: KIND_URGENCY[kind],
					channel: 'phone',
					askedAt: new Date().toISOString(),
					note: requestNote(state.person.name, '')
				},
				new Date(),
				ids.needEventId
			);
		}
		await record(
			db,
			session,
			{
				type: 'care_check',
				personId: state.id,
				householdId: state.householdId,
				duty: 'refill',
				result: 'requested',
				note: '',
				needId: ids.needId
			},
			new Date(),
			ids.checkEventId
		);
		void syncManager.sync();
	} finally {
		handing.delete(ids.checkEventId);
	}
}
