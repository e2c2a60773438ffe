import { uuidv7 } from 'uuidv7';
import type { CreateOrderRequest } from '$lib/domain/lead-api';
import type { DeliveryOrder } from '$lib/domain/schemas';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { HttpError } from '../errors';
import { nextSeq } from '../seq';
import type { Created } from './rounds';
import { leadTeam } from './team';

interface OrderRow {
	id: string;
	team_id: string;
	household_id: string;
	items: string;
	urgency: DeliveryOrder['urgency'];
	note: string;
	purchase: number;
}

const toOrder = (r: OrderRow): DeliveryOrder => ({
	id: r.id,
	householdId: r.household_id,
	items: JSON.parse(r.items) as string[],
	urgency: r.urgency,
	note: r.note,
	purchase: Number(r.purchase) === 1
});

const same = (a: DeliveryOrder, b: DeliveryOrder): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A delivery order the lead took (by phone or chat group) for a household of the team. It is
 * reference data like the orders volunteers raise at the door, with a cursor value, so every
 * device that sees the household pulls it.
 */
export async function createOrder(
	db: Db,
	auth: DeviceAuth,
	body: CreateOrderRequest,
	requested?: string
): Promise<Created<DeliveryOrder>> {
	const teamId = await leadTeam(db, auth, requested);
	const order: DeliveryOrder = {
		id: body.id ?? uuidv7(),
		householdId: body.householdId,
		items: body.items,
		urgency: body.urgency,
		note: body.note,
		purchase: body.purchase
	};
	return db.tx(async (tx) => {
		const seq = await nextSeq(tx, teamId);
		const household = await tx.get('SELECT 1 AS ok FROM households WHERE id = ? AND team_id = ?', [
			order.householdId,
			teamId
		]);
		if (!household) throw new HttpError(404, `householdId: no household ${order.householdId} in this team`);
		const had = await tx.get<OrderRow>('SELECT * FROM orders WHERE team_id = ? AND id = ?', [teamId, order.id]);
		if (had) {
			if (had.team_id !== teamId || !same(toOrder(had), order)) {
				throw new HttpError(409, `id: delivery order ${order.id} already exists with other details`);
			}
			return { value: toOrder(had), created: false };
		}
		await tx.run(
			`INSERT INTO orders (id, team_id, household_id, items, urgency, note, purchase, seq)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			[
				order.id,
				teamId,
				order.householdId,
				JSON.stringify(order.items),
				order.urgency,
				order.note,
				order.purchase ? 1 : 0,
				seq
			]
		);
		return { value: order, created: true };
	});
}
