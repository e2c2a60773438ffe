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
