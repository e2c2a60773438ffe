import { rosterHouseholdSchema, type RosterHousehold } from './api';
import {
	floorFromRoom,
	householdKey,
	normaliseBuilding,
	normalisePhone,
	normaliseRoom,
	normaliseText,
	normaliseUnit,
	parseFloor,
	parseResidents,
	splitTags
} from './normalise';
import { problem, type RosterField, type RosterProblem } from './problems';

/** Raw values of one row by field: cells from a sheet, or a JSON row sent to the server. */
export type RawRow = Partial<Record<RosterField, unknown>>;

const LIMITS = { building: 32, unit: 32, room: 32, head: 64, phone: 32, note: 500 } as const;
const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 32;

const shown = (v: unknown): string =>
	(v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '')).slice(0, 100);

/**
 * Normalises and checks one row. Returns the household, or null when an error keeps it out,
 * and every problem found (a row can have several).
 */
export function readRow(raw: RawRow, row: number): { household: RosterHousehold | null; problems: RosterProblem[] } {
	const problems: RosterProblem[] = [];
	const bad = (field: RosterField, code: Parameters<typeof problem>[1], detail?: string | number) =>
		problems.push(problem(row, code, { field, value: shown(raw[field]), detail }));

	for (const f of ['building', 'unit', 'floor', 'room', 'phone', 'residents'] as const) {
		if (raw[f] instanceof Date) bad(f, 'date_cell');
	}
	const building = normaliseBuilding(raw.building);
	const unit = normaliseUnit(raw.unit);
	const room = normaliseRoom(raw.room);
	const head = normaliseText(raw.head);
	const phone = normalisePhone(raw.phone);
	const note = normaliseText(raw.note);
	const texts = { building, unit, room, head, phone, note };
	for (const f of ['building', 'unit', 'room'] as const) {
		if (!texts[f] && !(raw[f] instanceof Date)) bad(f, 'required');
	}
	for (const [f, max] of Object.entries(LIMITS) as [keyof typeof LIMITS, number][]) {
		if (texts[f].length > max && !(raw[f] instanceof Date)) bad(f, 'too_long', max);
	}

	let floor = raw.floor instanceof Date ? 'invalid' : parseFloor(raw.floor);
	if (floor === 'invalid' || (typeof floor === 'number' && (floor < -10 || floor > 200))) {
		if (!(raw.floor instanceof Date)) bad('floor', 'floor_invalid');
		floor = null;
	} else if (floor === null && room) {
		floor = floorFromRoom(room);
		if (floor === null) bad('floor', 'floor_missing');
	}

	let residents = raw.residents instanceof Date ? 'invalid' : parseResidents(raw.residents);
	if (residents === 'invalid') {
		if (!(raw.residents instanceof Date)) bad('residents', 'residents_invalid');
		residents = 0;
	} else if (residents === null) {
		// A file without the column gets one warning on its header instead (see parseRosterTable).
		if ('residents' in raw) problems.push(problem(row, 'residents_missing', { field: 'residents' }));
		residents = 0;
	}

	const tags = splitTags(raw.tags);
	if (tags.length > MAX_TAGS) bad('tags', 'too_many_tags', MAX_TAGS);
	if (tags.some((t) => t.length > MAX_TAG_LENGTH)) bad('tags', 'too_long', MAX_TAG_LENGTH);

	if (problems.some((p) => p.severity === 'error') || floor === null) return { household: null, problems };
	const household = { row, building, unit, floor, room, head, phone, residents, tags, note };
	// The checks above mirror householdSchema; this keeps them from drifting apart silently.
	const checked = rosterHouseholdSchema.safeParse(household);
	if (!checked.success) {
		const field = (checked.error.issues[0]?.path[0] ?? null) as RosterField | null;
		return { household: null, problems: [...problems, problem(row, 'invalid', { field })] };
	}
	return { household: checked.data, problems };
}

export interface RowsResult {
	households: RosterHousehold[];
	problems: RosterProblem[];
}

/** Checks a list of rows, then flags every later row that repeats a household, naming both rows. */
export function readRows(rows: Iterable<{ raw: RawRow; row: number }>): RowsResult {
	const households: RosterHousehold[] = [];
	const problems: RosterProblem[] = [];
	const firstRow = new Map<string, number>();
	for (const { raw, row } of rows) {
		const r = readRow(raw, row);
		problems.push(...r.problems);
		if (!r.household) continue;
		const key = householdKey(r.household);
		const earlier = firstRow.get(key);
		if (earlier !== undefined) {
			const { building, unit, room } = r.household;
			problems.push(
				problem(row, 'duplicate', { field: 'room', otherRow: earlier, value: `${building}-${unit}-${room}` })
			);
			continue;
		}
		firstRow.set(key, row);
		households.push(r.household);
	}
	return { households, problems };
}

export interface RosterCounts {
	/** Data rows read, blank rows not counted. */
	rows: number;
	/** Households without an error. */
	households: number;
	/** Their residents added up. */
	people: number;
	/** Households with at least one vulnerable-group tag. */
	vulnerable: number;
}

export function countRoster(rows: number, households: readonly RosterHousehold[]): RosterCounts {
	let people = 0;
	let vulnerable = 0;
	for (const h of households) {
		people += h.residents;
		if (h.tags.length) vulnerable++;
	}
	return { rows, households: households.length, people, vulnerable };
}
