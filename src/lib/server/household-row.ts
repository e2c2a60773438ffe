import type { Household } from '$lib/domain/schemas';

/** A households row as both stores return it: tags are stored as JSON text. */
export interface HouseholdRow {
	id: string;
	building: string;
	unit: string;
	floor: number;
	room: string;
	head: string;
	phone: string;
	residents: number;
	tags: string;
	note: string;
}

export const toHousehold = (r: HouseholdRow): Household => ({
	id: r.id,
	building: r.building,
	unit: r.unit,
	floor: r.floor,
	room: r.room,
	head: r.head,
	phone: r.phone,
	residents: r.residents,
	tags: JSON.parse(r.tags) as string[],
	note: r.note
});

/** The households columns a new row fills, in the order householdValues gives them. */
export const HOUSEHOLD_COLUMNS = 'id, team_id, building, unit, floor, room, head, phone, residents, tags, note, seq';

/** One household's values for an INSERT in HOUSEHOLD_COLUMNS order: the demo's and a roster import's. */
export const householdValues = (
	id: string,
	teamId: string,
	h: Omit<Household, 'id'>,
	seq: number
): (string | number)[] => [
	id,
	teamId,
	h.building,
	h.unit,
	h.floor,
	h.room,
	h.head,
	h.phone,
	h.residents,
	JSON.stringify(h.tags),
	h.note,
	seq
];
