import { describe, expect, it } from 'vitest';
import { pull } from '../pull';
import { assign, count, demoTeam, device, secondTeam, TEAM_B, DEMO } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import { createOrder } from './orders';

const medicine = (householdId: string) => ({
	householdId,
	items: ['降压药'],
	urgency: 'medicine' as const,
	note: '',
	purchase: true
});

describe.each(STORES)('lead orders on $name', (kind) => {
	const db = freshStore(kind);

	it('is pulled by a volunteer device after the cursor it had', async () => {
		const t = await demoTeam(db());
		const from = (await pull(db(), t.volunteer, 0, 2000)).cursor;
		const { value: order, created } = await createOrder(db(), t.lead, medicine('demo-2-1-301'));
		expect(created).toBe(true);
		expect(order).toMatchObject(medicine('demo-2-1-301'));

		const page = await pull(db(), t.volunteer, from, 2000);
		expect(page.orders).toEqual([order]);
		expect(page.cursor).toBeGreaterThan(from);
		expect((await pull(db(), t.lead, from, 2000)).orders).toEqual([order]);
	});

	it('reaches only the volunteers whose buildings hold the household', async () => {
		const t = await demoTeam(db());
		const elsewhere = await device(db(), DEMO.volunteerCode, '小赵');
		await assign(db(), t.volunteer, '2');
		await assign(db(), elsewhere, '3');
		const { value: order } = await createOrder(db(), t.lead, medicine('demo-2-1-301'));
		// From 0: a full pull, whatever the device's scope was before.
		expect((await pull(db(), t.volunteer, 0, 2000)).orders).toContainEqual(order);
		expect((await pull(db(), elsewhere, 0, 2000)).orders.map((o) => o.id)).not.toContain(order.id);
	});

	it('answers 404 naming householdId for another team’s household and writes nothing', async () => {
		const t = await demoTeam(db());
		await secondTeam(db());
		const before = await count(db(), 'orders');
		await expect(createOrder(db(), t.lead, medicine(TEAM_B.household))).rejects.toMatchObject({
			status: 404,
			message: /^householdId:/
		});
		await expect(createOrder(db(), t.lead, medicine('demo-1-1-101'), TEAM_B.id)).rejects.toMatchObject({ status: 403 });
		expect(await count(db(), 'orders')).toBe(before);
	});

	it('refuses a volunteer device with 403', async () => {
		const t = await demoTeam(db());
		const before = await count(db(), 'orders');
		await expect(createOrder(db(), t.volunteer, medicine('demo-1-1-101'))).rejects.toMatchObject({ status: 403 });
		expect(await count(db(), 'orders')).toBe(before);
	});

	it('answers a retry with the same id with the order it made, and refuses the id for another', async () => {
		const t = await demoTeam(db());
		const body = { id: 'order-lead-1', ...medicine('demo-1-1-101') };
		const first = await createOrder(db(), t.lead, body);
		const before = await count(db(), 'orders');
		expect(await createOrder(db(), t.lead, body)).toEqual({ value: first.value, created: false });
		expect(await count(db(), 'orders')).toBe(before);
		await expect(createOrder(db(), t.lead, { ...body, items: ['水'] })).rejects.toMatchObject({ status: 409 });
	});
});
