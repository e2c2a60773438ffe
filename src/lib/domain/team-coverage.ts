import { addToCoverage, emptyCoverage, isMissing, type Coverage } from './coverage';
import { compareLabel } from './layout';
import type { Household } from './schemas';
import type { HouseholdStatus } from './status';

export interface UnitCoverage {
	unit: string;
	coverage: Coverage;
}

export interface BuildingCoverage {
	building: string;
	coverage: Coverage;
	units: UnitCoverage[];
}

export interface TeamCoverage {
	total: Coverage;
	buildings: BuildingCoverage[];
	/** Households where two volunteers' records disagree. */
	disagreements: Household[];
}

/** One pass over the team: totals, per building and per unit, in walking order. */
export function teamCoverage(
	households: readonly Household[],
	statuses: ReadonlyMap<string, HouseholdStatus>
): TeamCoverage {
	const total = emptyCoverage();
	const buildings = new Map<string, { coverage: Coverage; units: Map<string, Coverage> }>();
	const disagreements: Household[] = [];
	for (const h of households) {
		const s = statuses.get(h.id);
		if (!s) continue;
		let b = buildings.get(h.building);
		if (!b) buildings.set(h.building, (b = { coverage: emptyCoverage(), units: new Map() }));
		let u = b.units.get(h.unit);
		if (!u) b.units.set(h.unit, (u = emptyCoverage()));
		addToCoverage(total, s);
		addToCoverage(b.coverage, s);
		addToCoverage(u, s);
		if (s.conflicting.length) disagreements.push(h);
	}
	return {
		total,
		buildings: [...buildings.entries()]
			.sort(([a], [b]) => compareLabel(a, b))
			.map(([building, b]) => ({
				building,
				coverage: b.coverage,
				units: [...b.units.entries()]
					.sort(([a], [b]) => compareLabel(a, b))
					.map(([unit, coverage]) => ({ unit, coverage }))
			})),
		disagreements
	};
}

export interface MissingFloor {
	building: string;
	unit: string;
	floor: number;
	households: { household: Household; status: HouseholdStatus; missingPeople: number }[];
}

/**
 * Households still to visit or revisit, grouped building → unit → floor for walking (low
 * floors first), with floors holding vulnerable people first within their unit.
 */
export function missingByFloor(
	households: readonly Household[],
	statuses: ReadonlyMap<string, HouseholdStatus>
): MissingFloor[] {
	const floors = new Map<string, MissingFloor>();
	for (const h of households) {
		const s = statuses.get(h.id);
		if (!s || !isMissing(s)) continue;
		const key = `${h.building}\u0000${h.unit}\u0000${h.floor}`;
		let f = floors.get(key);
		if (!f) floors.set(key, (f = { building: h.building, unit: h.unit, floor: h.floor, households: [] }));
		f.households.push({ household: h, status: s, missingPeople: Math.max(s.residents - s.sampled, 0) });
	}
	const vulnerable = (f: MissingFloor) => f.households.some((x) => x.household.tags.length > 0);
	for (const f of floors.values()) {
		f.households.sort(
			(a, b) =>
				Number(b.household.tags.length > 0) - Number(a.household.tags.length > 0) ||
				compareLabel(a.household.room, b.household.room)
		);
	}
	return [...floors.values()].sort(
		(a, b) =>
			compareLabel(a.building, b.building) ||
			compareLabel(a.unit, b.unit) ||
			Number(vulnerable(b)) - Number(vulnerable(a)) ||
			a.floor - b.floor
	);
}

/** How many households and people the missing list holds, for the headline above it. */
export function missingTotals(floors: readonly MissingFloor[]): { households: number; people: number } {
	let households = 0;
	let people = 0;
	for (const f of floors) {
		households += f.households.length;
		for (const x of f.households) people += x.missingPeople;
	}
	return { households, people };
}
