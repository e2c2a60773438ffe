import { describe, expect, it } from 'vitest';
import { demoHouseholds } from './demo';
import { pull } from './pull';
import { pushEvents } from './push';
import { assign, count, deliveryRequest, demoTeam, secondTeam, TEAM_B, visit } from './testing/fixtures';
import { STORES, freshStore } from './testing/stores';

describe.each(STORES)('who sees what on $name', (kind) => {
	const db = freshStore(kind);

	it('shows an assigned volunteer only its building, and the lead everything', async () => {
		const t = await demoTeam(db());
		await assign(db(), t.volunteer, '2');
		const inTwo = visit({ deviceId: t.lead.deviceId, roundId: t.roundId, householdId: 'demo-2-1-101' });
		const inOne = visit({ deviceId: t.lead.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' });
		const orderInThree = deliveryRequest(t.lead, 'demo-3-1-101');
		await pushEvents(db(), t.lead, [inTwo, inOne, orderInThree], 0);

		const mine = await pull(db(), t.volunteer, 0, 2000);
		expect(mine.households.length).toBeGreaterThan(0);
		expect(new Set(mine.households.map((h) => h.building))).toEqual(new Set(['2']));
		expect(mine.events.map((e) => e.id)).toEqual([inTwo.id]);
		const buildingTwo = new Set(mine.households.map((h) => h.id));
		expect(mine.orders.every((o) => buildingTwo.has(o.householdId))).toBe(true);
		expect(mine.assignments).toEqual([
			expect.objectContaining({ deviceId: t.volunteer.deviceId, building: '2', unit: null })
		]);

		const lead = await pull(db(), t.lead, 0, 2000);
		expect(lead.households).toHaveLength(demoHouseholds().length);
		expect(lead.events.map((e) => e.id)).toEqual([inTwo.id, inOne.id, orderInThree.id]);
		expect(lead.orders).toHaveLength(6);
	});

	it('narrows a unit assignment to that unit', async () => {
		const t = await demoTeam(db());
		await assign(db(), t.volunteer, '3', '2');
		const mine = await pull(db(), t.volunteer, 0, 2000);
		expect(new Set(mine.households.map((h) => `${h.building}-${h.unit}`))).toEqual(new Set(['3-2']));
	});

	it('keeps two teams apart in both directions', async () => {
		const a = await demoTeam(db());
		const b = await secondTeam(db());
		await pushEvents(
			db(),
			a.volunteer,
			[visit({ deviceId: a.volunteer.deviceId, roundId: a.roundId, householdId: 'demo-1-1-101' })],
			0
		);

		const seenByB = await pull(db(), b.volunteer, 0, 2000);
		expect(seenByB.households.map((h) => h.id)).toEqual([TEAM_B.household]);
		expect(seenByB.rounds.map((r) => r.id)).toEqual([b.roundId]);
		expect(seenByB.orders).toEqual([]);
		expect(seenByB.events).toEqual([]);

		const intoA = [
			visit({ deviceId: b.volunteer.deviceId, roundId: a.roundId, householdId: 'demo-1-1-101' }),
			visit({ deviceId: b.volunteer.deviceId, roundId: b.roundId, householdId: 'demo-1-1-101' }),
			deliveryRequest(b.volunteer, 'demo-1-1-101')
		];
		const before = { events: await count(db(), 'events'), orders: await count(db(), 'orders') };
		const results = await pushEvents(db(), b.volunteer, intoA, 0);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(results.map((r) => r.reason?.split(':')[0])).toEqual(['roundId', 'householdId', 'householdId']);
		expect(await count(db(), 'events')).toBe(before.events);
		expect(await count(db(), 'orders')).toBe(before.orders);

		const seenByA = await pull(db(), a.lead, 0, 2000);
		expect(seenByA.households.some((h) => h.id === TEAM_B.household)).toBe(false);
		expect(seenByA.rounds.map((r) => r.id)).toEqual([a.roundId]);
	});

	it('keys event ids by team: an id another team used is not revealed, and each team keeps its own', async () => {
		const a = await demoTeam(db());
		const b = await secondTeam(db());
		const taken = visit({ deviceId: a.volunteer.deviceId, roundId: a.roundId, householdId: 'demo-1-1-101' });
		await pushEvents(db(), a.volunteer, [taken], 0);
		const clash = { ...taken, deviceId: b.volunteer.deviceId, roundId: b.roundId, householdId: TEAM_B.household };
		const [result] = await pushEvents(db(), b.volunteer, [clash], 0);
		expect(result).toEqual({ id: taken.id, status: 'accepted' });
		const seenByA = (await pull(db(), a.lead, 0, 5000)).events.filter((e) => e.id === taken.id);
		const seenByB = (await pull(db(), b.volunteer, 0, 5000)).events.filter((e) => e.id === taken.id);
		expect(seenByA.map((e) => e.deviceId)).toEqual([a.volunteer.deviceId]);
		expect(seenByB.map((e) => e.deviceId)).toEqual([b.volunteer.deviceId]);
	});
});
