import { describe, expect, it } from 'vitest';
import { coverageOf } from './coverage';
import type { Household } from './schemas';
import { foldAll } from './status';
import { missingByFloor, missingTotals, teamCoverage } from './team-coverage';
import { visit } from '$tests/support/events';

const h = (
	building: string,
	unit: string,
	floor: number,
	room: string,
	residents: number,
	tags: string[] = []
): Household => ({
	id: `${building}-${unit}-${room}`,
	building,
	unit,
	floor,
	room,
	head: '',
	phone: '',
	residents,
	tags,
	note: ''
});

const homes = [
	h('10', '1', 1, '101', 3),
	h('2', '1', 1, '101', 2),
	h('2', '1', 2, '201', 4, ['孕妇']),
	h('2', '2', 1, '101', 1),
	h('2', '2', 3, '301', 5)
];

const events = [
	visit({ householdId: '2-1-101', sampled: 2, residents: 2 }),
	visit({ householdId: '2-1-201', sampled: 1, residents: 4 }),
	visit({ householdId: '2-2-101', outcome: 'not_living', sampled: 0, residents: 1 }),
	visit({ householdId: '2-2-301', outcome: 'nobody_home', sampled: 0, residents: 5 })
];

describe('coverage', () => {
	const statuses = foldAll(homes, events, 'r1');

	it('counts households and people done, leaving out people who do not live there', () => {
		expect(coverageOf(homes, statuses)).toEqual({
			households: 5,
			householdsDone: 2, // 2-1-101 all sampled, 2-2-101 not living here
			people: 3 + 2 + 4 + 5, // 2-2-101's one resident does not live there
			peopleDone: 2 + 1,
			revisit: 1,
			refused: 0
		});
	});

	it('sums per unit and per building to the team total, buildings in natural order', () => {
		const t = teamCoverage(homes, statuses);
		expect(t.buildings.map((b) => b.building)).toEqual(['2', '10']);
		const sum = (k: 'households' | 'people' | 'peopleDone' | 'householdsDone') =>
			t.buildings.flatMap((b) => b.units).reduce((n, u) => n + u.coverage[k], 0);
		for (const k of ['households', 'people', 'peopleDone', 'householdsDone'] as const) expect(sum(k)).toBe(t.total[k]);
	});

	it('lists what is missing by building, unit and floor, vulnerable floors first, with people missing', () => {
		const m = missingByFloor(homes, statuses);
		expect(m.map((f) => `${f.building}-${f.unit}-${f.floor}`)).toEqual(['2-1-2', '2-2-3', '10-1-1']);
		expect(m[0].households[0].missingPeople).toBe(3);
		expect(m[1].households[0].status.state).toBe('revisit');
	});

	it('totals the missing list: households on it and people not yet sampled, agreeing with coverage', () => {
		const m = missingByFloor(homes, statuses);
		// 2-1-201 (3 of 4 missing), 2-2-301 (nobody home, 5), 10-1-101 (not visited, 3).
		expect(missingTotals(m)).toEqual({ households: 3, people: 3 + 5 + 3 });
		const c = coverageOf(homes, statuses);
		expect(missingTotals(m).households).toBe(c.households - c.householdsDone);
		expect(missingTotals(m).people).toBe(c.people - c.peopleDone);
		expect(missingTotals([])).toEqual({ households: 0, people: 0 });
	});

	it('flags disagreements between volunteers', () => {
		const conflict = [
			...events,
			visit({ householdId: '10-1-101', deviceId: 'a', volunteer: 'A', outcome: 'refused', sampled: 0 }),
			visit({ householdId: '10-1-101', deviceId: 'b', volunteer: 'B', outcome: 'not_living', sampled: 0 })
		];
		const t = teamCoverage(homes, foldAll(homes, conflict, 'r1'));
		expect(t.disagreements.map((x) => x.id)).toEqual(['10-1-101']);
	});
});
