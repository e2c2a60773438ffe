import { describe, expect, it } from 'vitest';
import { household, order, outcome, voiding } from '$tests/support/events';
import { byPlace, byUrgency, deliveryLines, splitOpen } from './deliveries';

const homes = [
	household('h10', { building: '10', room: '101' }),
	household('h2a', { building: '2', room: '302', floor: 3 }),
	household('h2b', { building: '2', room: '101' })
];

describe('delivery lines', () => {
	it('joins each order to its household and folds its outcome, leaving out orders for households not on the device', () => {
		const orders = [order('o1', 'h10'), order('o2', 'elsewhere'), order('o3', 'h2a')];
		const done = outcome('o3', { outcome: 'failed', reason: 'nobody_home' });
		const lines = deliveryLines(orders, homes, [done]);
		expect(lines.map((l) => [l.order.id, l.household.id, l.status.state])).toEqual([
			['o1', 'h10', 'open'],
			['o3', 'h2a', 'failed']
		]);
		expect(lines[1].status.decidedBy).toEqual(done);
	});

	it('reopens an order whose outcome was undone', () => {
		const given = outcome('o1');
		const [line] = deliveryLines([order('o1', 'h10')], homes, [given, voiding(given)]);
		expect(line.status.state).toBe('open');
	});

	it('sorts medicine, then infants, then the rest, each by building, unit and room in natural order', () => {
		const orders = [
			order('normal-2b', 'h2b'),
			order('infant-10', 'h10', { urgency: 'infant' }),
			order('medicine-2a', 'h2a', { urgency: 'medicine' }),
			order('normal-10', 'h10'),
			order('medicine-2b', 'h2b', { urgency: 'medicine' })
		];
		const sorted = deliveryLines(orders, homes, []).sort(byUrgency);
		expect(sorted.map((l) => l.order.id)).toEqual([
			'medicine-2b',
			'medicine-2a',
			'infant-10',
			'normal-2b',
			'normal-10'
		]);
	});

	it('sorts by place alone for the report: building 2 before 10, low floors first', () => {
		const orders = [order('a', 'h10', { urgency: 'medicine' }), order('b', 'h2a'), order('c', 'h2b')];
		expect(
			deliveryLines(orders, homes, [])
				.sort(byPlace)
				.map((l) => l.order.id)
		).toEqual(['c', 'b', 'a']);
	});

	it('splits open orders from settled ones, keeping the order given', () => {
		const orders = [order('o1', 'h10'), order('o2', 'h2a'), order('o3', 'h2b')];
		const { open, settled } = splitOpen(deliveryLines(orders, homes, [outcome('o2')]));
		expect(open.map((l) => l.order.id)).toEqual(['o1', 'o3']);
		expect(settled.map((l) => l.order.id)).toEqual(['o2']);
	});
});
