import type { Answers } from '$lib/domain/rounds/definition';
import type { Area } from '$lib/domain/rounds/disinfection';
import type { DistributionOutcome, SurveyOutcome } from '$lib/domain/rounds/events';
import type { FieldEvent, Household } from '$lib/domain/schemas';
import { db } from '../db';
import { record } from '../record';
import type { Session } from '../session';
import { syncManager } from '../sync-manager.svelte';

// Records of the round kinds. Like a visit, a new record replaces this device's own earlier
// ones about the household (a correction); other volunteers' stay, so disagreements show.

async function save(session: Session, fields: Parameters<typeof record>[2]): Promise<FieldEvent> {
	const event = await record(db, session, fields);
	void syncManager.sync();
	return event;
}

const mine = (session: Session, standing: readonly FieldEvent[]) =>
	standing.filter((e) => e.deviceId === session.deviceId).map((e) => e.id);

export function recordDistribution(
	session: Session,
	household: Household,
	roundId: string,
	standing: readonly FieldEvent[],
	outcome: DistributionOutcome,
	quantity: number,
	/** photos (issues 10, 12): a photo of the parcel left at the door, already kept on the device. */
	photoId?: string
): Promise<FieldEvent> {
	const out = outcome === 'delivered' || outcome === 'left_at_door';
	return save(session, {
		type: 'distribution',
		householdId: household.id,
		roundId,
		outcome,
		quantity: out ? quantity : 0,
		note: '',
		replaces: mine(session, standing),
		...(photoId && outcome === 'left_at_door' && { photoId })
	});
}

export function recordSurvey(
	session: Session,
	household: Household,
	roundId: string,
	version: number,
	standing: readonly FieldEvent[],
	outcome: SurveyOutcome,
	answers: Answers
): Promise<FieldEvent> {
	return save(session, {
		type: 'survey_answer',
		householdId: household.id,
		roundId,
		version,
		outcome,
		answers: outcome === 'answered' ? answers : {},
		note: '',
		replaces: mine(session, standing)
	});
}

/** One disinfection pass (or a pass that could not be done) of an area, counted for `day`. */
export function recordPass(
	session: Session,
	area: Area,
	roundId: string,
	day: string,
	reason?: 'locked' | 'no_supplies' | 'unsafe' | 'other'
): Promise<FieldEvent> {
	return save(session, {
		type: 'disinfection',
		roundId,
		building: area.building,
		unit: area.unit,
		floor: area.floor,
		area: area.area,
		day,
		outcome: reason ? 'could_not' : 'done',
		reason,
		note: ''
	});
}

/** Undo of any round-kind record: a void of the household's, or of the area's. */
export function undoRoundRecord(session: Session, event: FieldEvent): Promise<FieldEvent> {
	if (event.type === 'disinfection') {
		const { roundId, building, unit, floor, area } = event;
		return save(session, { type: 'disinfection_void', roundId, building, unit, floor, area, voids: [event.id] });
	}
	if (!('householdId' in event)) throw new Error(`nothing to undo for a ${event.type} record`);
	return save(session, { type: 'void', householdId: event.householdId, voids: [event.id] });
}

/** The device's calendar day, as passes count per day (local time, as the volunteer lives it). */
export function today(now = new Date()): string {
	const p = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
