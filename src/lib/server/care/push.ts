import type { FieldEvent } from '$lib/domain/schemas';
import { effectiveTime } from '$lib/domain/status';
import { isCareEvent, type CareEvent } from '$lib/domain/care/fold';
import type { DeviceAuth } from '../auth';
import type { Db, Param } from '../db';
import { insertRows } from '../push';

/** What the store holds about the people and devices a batch's care events name. */
export interface CareKnown {
	/** person id → household and current pair (as the push folds it), this team only */
	people: Map<string, { householdId: string; paired: string | null; t: number; eventId: string }>;
	/** devices of this team */
	devices: Set<string>;
}

export const emptyCareKnown = (): CareKnown => ({ people: new Map(), devices: new Set() });

export interface CareWanted {
	people: string[];
	devices: string[];
}

export function careWanted(events: readonly FieldEvent[]): CareWanted {
	const people = new Set<string>();
	const devices = new Set<string>();
	for (const e of events) {
		if (!isCareEvent(e)) continue;
		people.add(e.personId);
		if (e.type === 'care_pair' && e.pairedDeviceId) devices.add(e.pairedDeviceId);
	}
	return { people: [...people], devices: [...devices] };
}

export const careMissing = (w: CareWanted, k: CareKnown): CareWanted => ({
	people: w.people.filter((id) => !k.people.has(id)),
	devices: w.devices.filter((id) => !k.devices.has(id))
});

/** One statement per table; a batch holds at most 500 events, so the lists stay short. */
export async function lookUpCare(tx: Db, teamId: string, w: CareWanted, k: CareKnown): Promise<void> {
	if (w.people.length) {
		const rows = await tx.all<{
			person_id: string;
			household_id: string;
			paired_device_id: string | null;
			pair_t: number | string;
			pair_event_id: string;
		}>(
			`SELECT person_id, household_id, paired_device_id, pair_t, pair_event_id FROM care_people
			 WHERE team_id = ? AND person_id IN (${w.people.map(() => '?').join(', ')})`,
			[teamId, ...w.people]
		);
		for (const r of rows)
			k.people.set(r.person_id, {
				householdId: r.household_id,
				paired: r.paired_device_id,
				t: Number(r.pair_t),
				eventId: r.pair_event_id
			});
	}
	if (w.devices.length) {
		const rows = await tx.all<{ id: string }>(
			`SELECT id FROM devices WHERE team_id = ? AND id IN (${w.devices.map(() => '?').join(', ')})`,
			[teamId, ...w.devices]
		);
		for (const r of rows) k.devices.add(r.id);
	}
}

/** A care event refused, with a reason a person can act on. */
export class CareRejection extends Error {}

/**
 * Who may write what: anyone of the team adds or corrects a person and records a check-in; only a
 * lead (or an administrator) pairs and sets plans; nobody sends what only the roster import
 * writes. A person must be on the ledger (stored, or added earlier in the batch) before anything
 * else is said about them, and in the household the event names.
 */
export function checkCareEvent(k: CareKnown, auth: DeviceAuth, e: CareEvent): void {
	if ('fromRoster' in e && e.fromRoster)
		throw new CareRejection('fromRoster: only the roster import writes entries from the file');
	if ((e.type === 'care_pair' || e.type === 'care_plan') && auth.role === 'volunteer')
		throw new CareRejection(
			`type: only a team lead may ${e.type === 'care_pair' ? 'pair people' : 'set check-in plans'}`
		);
	const person = k.people.get(e.personId);
	if (e.type === 'care_person') {
		if (person && person.householdId !== e.householdId)
			throw new CareRejection(`personId: person ${e.personId} is already on the ledger in another household`);
		return;
	}
	if (!person) throw new CareRejection(`personId: no person ${e.personId} on this team's ledger`);
	if (person.householdId !== e.householdId)
		throw new CareRejection(`householdId: person ${e.personId} is not in household ${e.householdId}`);
	if (e.type === 'care_check' && e.result === 'requested' && e.duty !== 'refill')
		throw new CareRejection('result: only a refill is handed to the needs desk as "requested"');
	if (e.type === 'care_pair' && e.pairedDeviceId && !k.devices.has(e.pairedDeviceId))
		throw new CareRejection(`pairedDeviceId: no device ${e.pairedDeviceId} in this team`);
}

/** Rows the batch's accepted care events write, in batch order. */
export interface CareWrites {
	people: Param[][];
	events: Param[][];
	pairChanges: Param[][];
	/** person id → the pair the batch leaves them with */
	pairs: Map<string, { paired: string | null; t: number; eventId: string }>;
}

export const emptyCareWrites = (): CareWrites => ({ people: [], events: [], pairChanges: [], pairs: new Map() });

/**
 * Records an accepted care event in `known` (so later events of the batch see it) and in the
 * writes. A pair event changes the pair only if it is later than the one in force (effective
 * time, then id: the devices' fold), so the server's pairs match every device's ledger.
 */
export function noteCareEvent(
	k: CareKnown,
	auth: DeviceAuth,
	e: CareEvent,
	seq: number,
	receivedAt: string,
	w: CareWrites
): void {
	w.events.push([auth.teamId, e.id, e.personId]);
	if (e.type === 'care_person' && !k.people.has(e.personId)) {
		k.people.set(e.personId, { householdId: e.householdId, paired: null, t: 0, eventId: '' });
		w.people.push([auth.teamId, e.personId, e.householdId]);
	}
	if (e.type !== 'care_pair') return;
	const person = k.people.get(e.personId);
	if (!person) return;
	const t = effectiveTime({ ...e, receivedAt });
	if (t < person.t || (t === person.t && e.id < person.eventId)) return;
	const paired = e.pairedDeviceId;
	if (paired !== person.paired) {
		for (const device of [person.paired, paired])
			if (device) w.pairChanges.push([auth.teamId, device, e.personId, seq]);
	}
	Object.assign(person, { paired, t, eventId: e.id });
	w.pairs.set(e.personId, { paired, t, eventId: e.id });
}

export async function writeCare(tx: Db, teamId: string, w: CareWrites): Promise<void> {
	await insertRows(tx, 'care_people (team_id, person_id, household_id)', 3, w.people);
	await insertRows(tx, 'care_events (team_id, event_id, person_id)', 3, w.events);
	await insertRows(tx, 'care_pair_changes (team_id, device_id, person_id, seq)', 4, w.pairChanges);
	for (const [personId, p] of w.pairs)
		await tx.run(
			'UPDATE care_people SET paired_device_id = ?, pair_t = ?, pair_event_id = ? WHERE team_id = ? AND person_id = ?',
			[p.paired, p.t, p.eventId, teamId, personId]
		);
}
