import type { Household } from './schemas';

// One collator for every label and name a list is sorted by: `localeCompare` with a locale builds
// a new collator on each call, and the lead's screen sorts 10,000 households' labels on every
// reload (about a tenth of the reload's main-thread time at CPU 4× in bench:lead's profile); the
// today list sorted its 200 names the same way on its first paint. Same order: ECMA-402 defines
// that localeCompare as this collator's compare.
const labels = new Intl.Collator('zh-CN', { numeric: true });

/** Natural order for labels and names: "2" before "10", "3号楼" by its number, 张三2 before 张三10. */
export function compareLabel(a: string, b: string): number {
	return labels.compare(a, b);
}

/** Walking order: building, unit, floor from the ground up, then room. */
export function compareByPlace(
	a: Pick<Household, 'building' | 'unit' | 'floor' | 'room'>,
	b: Pick<Household, 'building' | 'unit' | 'floor' | 'room'>
): number {
	return (
		compareLabel(a.building, b.building) ||
		compareLabel(a.unit, b.unit) ||
		a.floor - b.floor ||
		compareLabel(a.room, b.room)
	);
}

export interface Floor {
	floor: number;
	households: Household[];
}

/** One unit's households as floors, top floor first (the order a team climbs down). */
export function floorsOf(households: readonly Household[], topDown = true): Floor[] {
	const byFloor = new Map<number, Household[]>();
	for (const h of households) {
		const list = byFloor.get(h.floor);
		if (list) list.push(h);
		else byFloor.set(h.floor, [h]);
	}
	const floors = [...byFloor.entries()].map(([floor, list]) => ({
		floor,
		households: list.sort((a, b) => compareLabel(a.room, b.room))
	}));
	floors.sort((a, b) => (topDown ? b.floor - a.floor : a.floor - b.floor));
	return floors;
}

export interface UnitRef {
	building: string;
	unit: string;
}

export function unitsOf(households: readonly Household[]): UnitRef[] {
	const seen = new Map<string, UnitRef>();
	for (const h of households) {
		const key = `${h.building}\u0000${h.unit}`;
		if (!seen.has(key)) seen.set(key, { building: h.building, unit: h.unit });
	}
	return [...seen.values()].sort((a, b) => compareLabel(a.building, b.building) || compareLabel(a.unit, b.unit));
}
