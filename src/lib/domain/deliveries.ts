import { URGENCIES } from './constants';
import { compareLabel, compareByPlace } from './layout';
import type { DeliveryOrder, FieldEvent, Household } from './schemas';
import { foldDelivery, type DeliveryStatus } from './status';

/** A delivery order with the household it goes to and what has happened to it. */
export interface DeliveryLine {
	order: DeliveryOrder;
	household: Household;
	status: DeliveryStatus;
}

/**
 * Joins orders to their households and folds each one's outcome. An order whose household is
 * not on this device (outside the volunteer's area) is left out rather than shown half.
 */
export function deliveryLines(
	orders: readonly DeliveryOrder[],
	households: readonly Household[],
	events: readonly FieldEvent[]
): DeliveryLine[] {
	const byId = new Map(households.map((h) => [h.id, h]));
	const out: DeliveryLine[] = [];
	for (const order of orders) {
		const household = byId.get(order.householdId);
		if (household) out.push({ order, household, status: foldDelivery(order.id, events) });
	}
	return out;
}

/** The volunteer's round: medicine first, then infants, then the rest, each in walking order. */
export const byUrgency = (a: DeliveryLine, b: DeliveryLine): number =>
	URGENCIES.indexOf(a.order.urgency) - URGENCIES.indexOf(b.order.urgency) ||
	compareLabel(a.household.building, b.household.building) ||
	compareLabel(a.household.unit, b.household.unit) ||
	compareLabel(a.household.room, b.household.room);

/** The report's order: by place only, as the street office reads it. */
export const byPlace = (a: DeliveryLine, b: DeliveryLine): number => compareByPlace(a.household, b.household);

/** Orders still to deliver and those already settled, each keeping the order given. */
export function splitOpen(lines: readonly DeliveryLine[]): { open: DeliveryLine[]; settled: DeliveryLine[] } {
	return {
		open: lines.filter((l) => l.status.state === 'open'),
		settled: lines.filter((l) => l.status.state !== 'open')
	};
}
