import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from '$lib/export';
import { coverageRows, deliveryRows, visitRows } from './export-rows';
import type { Household } from './schemas';
import { foldAll } from './status';
import { order, outcome, visit } from '$tests/support/events';

const label = (k: string) => k;
const h = (id: string, building: string, floor: number, residents: number): Household => ({
	id,
	building,
	unit: '1',
	floor,
	room: `${floor}01`,
	head: '张三',
	phone: '',
	residents,
	tags: [],
	note: ''
});
const homes = [h('b', '2', 1, 3), h('a', '10', 1, 2), h('c', '2', 2, 4)];
const statuses = foldAll(
	homes,
	[visit({ householdId: 'b', sampled: 2, residents: 3 }), visit({ householdId: 'c', sampled: 4, residents: 4 })],
	'r1'
);

describe('export rows', () => {
	it('lists visits in walking order with the recorded status', () => {
		const rows = visitRows(homes, statuses, label);
		expect(rows.map((r) => r.building)).toEqual(['2', '2', '10']);
		expect(rows[0]).toMatchObject({ state: 'state.partial', sampled: 2, volunteer: 'A' });
		expect(rows[2]).toMatchObject({ state: 'state.todo', sampled: 0, volunteer: '' });
	});

	it('sums coverage per floor and in a total row that survives a CSV round trip', () => {
		const rows = coverageRows(homes, statuses, label);
		const parsed = Papa.parse<Record<string, string>>(toCsv(rows).replace(/^\uFEFF/, ''), {
			header: true,
			skipEmptyLines: true
		}).data;
		const total = parsed.find((r) => r.building === 'total')!;
		expect(Number(total.households)).toBe(3);
		expect(Number(total.householdsDone)).toBe(1);
		expect(Number(total.people)).toBe(9);
		expect(Number(total.peopleDone)).toBe(6);
		expect(Number(total.peopleMissing)).toBe(3);
		const perFloor = parsed.filter((r) => r.building !== 'total');
		expect(perFloor.reduce((n, r) => n + Number(r.peopleDone), 0)).toBe(6);
	});

	it('lists deliveries by place with their outcome and the money collected in yuan, leaving out orders for households not held', () => {
		const orders = [
			order('o10', 'a', { urgency: 'medicine', purchase: true }),
			order('o2', 'b'),
			order('gone', 'elsewhere')
		];
		const events = [
			outcome('o10', { collectedFen: 1250 }),
			outcome('o2', { outcome: 'failed', reason: 'nobody_home' })
		];
		const rows = deliveryRows(orders, homes, events, label);
		expect(rows.map((r) => r.building)).toEqual(['2', '10']);
		expect(rows[0]).toMatchObject({ state: 'delivery.failed', reason: 'reason.nobody_home', collected: 0 });
		expect(rows[1]).toMatchObject({
			state: 'delivery.delivered',
			urgency: 'urgency.medicine',
			collected: 12.5,
			purchase: true
		});
	});
});
