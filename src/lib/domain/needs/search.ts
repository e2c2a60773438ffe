import { compareByPlace } from '../layout';
import type { Household } from '../schemas';

/**
 * The desk's household search, as people say an address on the phone: "3-2-501", "3 2 501",
 * "3号楼2单元501", "501" alone, or part of the head of household's name ("张"). Digits and
 * letters are the address parts (in order, each matching the start of building, unit, room);
 * anything else searches the name. At most `limit` matches, in walking order.
 */
export type Searchable = Pick<Household, 'id' | 'building' | 'unit' | 'floor' | 'room' | 'head'>;

export function searchHouseholds<H extends Searchable>(households: readonly H[], query: string, limit = 8): H[] {
	const q = query.trim();
	if (!q) return [];
	const parts = q.match(/[0-9A-Za-z]+/g) ?? [];
	const name = q.replace(/[0-9A-Za-z\s\-号楼栋单元室房#/]+/g, '');
	const matches = households.filter((h) => {
		if (name) return h.head.includes(name) && addressMatches(h, parts);
		return addressMatches(h, parts);
	});
	return matches.sort(compareByPlace).slice(0, limit);
}

function addressMatches(h: Searchable, parts: string[]): boolean {
	if (!parts.length) return true;
	if (parts.length === 1) return h.room === parts[0] || h.building === parts[0];
	if (parts.length === 2) return h.building === parts[0] && (h.room === parts[1] || h.unit === parts[1]);
	return h.building === parts[0] && h.unit === parts[1] && h.room === parts[2];
}

/** Households by id, for joining requests to their door. */
export const byId = (households: readonly Household[]): ReadonlyMap<string, Household> =>
	new Map(households.map((h) => [h.id, h]));
