import { compareLabel } from '../layout';
import type { FieldEvent, Household } from '../schemas';
import type { DisinfectionDefinition } from './definition';
import type { DisinfectionEvent } from './events';
import { supersededRoundIds } from './superseded';

/** One place to disinfect: an area on a floor of a unit, or a common area of the unit (floor null). */
export interface Area {
	building: string;
	unit: string;
	floor: number | null;
	area: string;
	key: string;
}

export const areaKey = (a: Pick<Area, 'building' | 'unit' | 'floor' | 'area'>): string =>
	JSON.stringify([a.building, a.unit, a.floor, a.area]);

/**
 * The round's areas, derived from the roster: every floor of a unit with households gets the
 * floor areas, every unit the common ones. Walking order: building, unit, common areas, floors
 * from the top down (as the grid shows them).
 */
export function areasOf(
	households: readonly Pick<Household, 'building' | 'unit' | 'floor'>[],
	def: DisinfectionDefinition
): Area[] {
	const units = new Map<string, { building: string; unit: string; floors: Set<number> }>();
	for (const h of households) {
		const k = JSON.stringify([h.building, h.unit]);
		let u = units.get(k);
		if (!u) units.set(k, (u = { building: h.building, unit: h.unit, floors: new Set() }));
		u.floors.add(h.floor);
	}
	const ordered = [...units.values()].sort(
		(a, b) => compareLabel(a.building, b.building) || compareLabel(a.unit, b.unit)
	);
	const out: Area[] = [];
	const push = (building: string, unit: string, floor: number | null, area: string) =>
		out.push({ building, unit, floor, area, key: areaKey({ building, unit, floor, area }) });
	for (const u of ordered) {
		for (const area of def.areas.common) push(u.building, u.unit, null, area);
		for (const floor of [...u.floors].sort((a, b) => b - a))
			for (const area of def.areas.floor) push(u.building, u.unit, floor, area);
	}
	return out;
}

export type AreaState = 'todo' | 'partial' | 'done' | 'could_not';

export interface AreaStatus {
	state: AreaState;
	/** Standing "done" records of the day: each is one pass. */
	passes: number;
	required: number;
	done: DisinfectionEvent[];
	couldNot: DisinfectionEvent[];
	/** "Could not" from a device while another device did it that day: kept for the lead to see. */
	conflicting: DisinfectionEvent[];
}

/**
 * One area's day. A pass is a record, not a numbered slot: two volunteers offline in the morning
 * and the afternoon each add one, and neither overwrites the other. Order-independent: only the
 * set of standing records counts.
 */
export function foldArea(
	area: Pick<Area, 'key'>,
	def: DisinfectionDefinition,
	events: readonly FieldEvent[],
	roundId: string,
	day: string
): AreaStatus {
	const gone = supersededRoundIds(events);
	const standing = events
		.filter(
			(e): e is DisinfectionEvent =>
				e.type === 'disinfection' &&
				e.roundId === roundId &&
				e.day === day &&
				areaKey(e) === area.key &&
				!gone.has(e.id)
		)
		.sort((a, b) => (a.id < b.id ? -1 : 1));
	const done = standing.filter((e) => e.outcome === 'done');
	const couldNot = standing.filter((e) => e.outcome === 'could_not');
	const doers = new Set(done.map((e) => e.deviceId));
	const conflicting = done.length ? couldNot.filter((e) => !doers.has(e.deviceId)) : [];
	const required = def.passesPerDay;
	const passes = done.length;
	const state: AreaState =
		passes >= required ? 'done' : passes > 0 ? 'partial' : couldNot.length ? 'could_not' : 'todo';
	return { state, passes, required, done, couldNot, conflicting };
}

/** Groups disinfection records and their voids by area, so a team's fold stays linear. */
export function eventsByArea(events: readonly FieldEvent[]): Map<string, FieldEvent[]> {
	const map = new Map<string, FieldEvent[]>();
	for (const e of events) {
		if (e.type !== 'disinfection' && e.type !== 'disinfection_void') continue;
		const k = areaKey(e);
		const list = map.get(k);
		if (list) list.push(e);
		else map.set(k, [e]);
	}
	return map;
}

export function foldAreas(
	areas: readonly Area[],
	def: DisinfectionDefinition,
	events: readonly FieldEvent[],
	roundId: string,
	day: string
): Map<string, AreaStatus> {
	const grouped = eventsByArea(events);
	const out = new Map<string, AreaStatus>();
	for (const a of areas) out.set(a.key, foldArea(a, def, grouped.get(a.key) ?? [], roundId, day));
	return out;
}

export interface DisinfectionCoverage {
	areas: number;
	areasDone: number;
	/** Passes done, at most the required number per area (an extra pass does not cover another area). */
	passesDone: number;
	passesRequired: number;
	couldNot: number;
	disagreements: number;
}

export function disinfectionCoverage(statuses: Iterable<AreaStatus>): DisinfectionCoverage {
	const c: DisinfectionCoverage = {
		areas: 0,
		areasDone: 0,
		passesDone: 0,
		passesRequired: 0,
		couldNot: 0,
		disagreements: 0
	};
	for (const s of statuses) {
		c.areas += 1;
		if (s.state === 'done') c.areasDone += 1;
		c.passesDone += Math.min(s.passes, s.required);
		c.passesRequired += s.required;
		if (s.state === 'could_not') c.couldNot += 1;
		if (s.conflicting.length) c.disagreements += 1;
	}
	return c;
}
