import type { CheckResult, CareDuty } from '$lib/domain/care/constants';
import type { CarePerson, CarePlan } from '$lib/domain/care/schemas';
import type { CareState } from '$lib/domain/care/fold';
import type { FieldEvent } from '$lib/domain/schemas';
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
