import { describe, expect, it } from 'vitest';
import { pushEvents } from './push';
import { count, deliveryRequest, demoTeam, secondTeam, TEAM_B, visit } from './testing/fixtures';
import { STORES, freshStore } from './testing/stores';

describe.each(STORES)('push on $name', (kind) => {
	const db = freshStore(kind);

	const visits = (t: Awaited<ReturnType<typeof demoTeam>>, n: number) =>
		Array.from({ length: n }, (_, i) =>
			visit({
				deviceId: t.volunteer.deviceId,
				householdId: `demo-1-1-${(i % 6) + 1}01`,
				roundId: t.roundId
			})
		);

	it('accepts a batch, then answers the same batch with duplicates and stores nothing twice', async () => {
		const t = await demoTeam(db());
		const batch = visits(t, 3);
		const first = await pushEvents(db(), t.volunteer, batch, 3);
		expect(first).toEqual(batch.map((e) => ({ id: e.id, status: 'accepted' })));
		const again = await pushEvents(db(), t.volunteer, batch, 3);
		expect(again).toEqual(batch.map((e) => ({ id: e.id, status: 'duplicate' })));
		expect(await count(db(), 'events')).toBe(3);
		const stored = await db().all<{ body: string }>('SELECT body FROM events ORDER BY seq');
		expect(stored.map((r) => JSON.parse(r.body))).toEqual(batch);
	});

	it('stores each event once when the same batch arrives twice at the same time', async () => {
		const t = await demoTeam(db());
		const batch = visits(t, 5);
		const [a, b] = await Promise.all([
			pushEvents(db(), t.volunteer, batch, 5),
			pushEvents(db(), t.volunteer, batch, 5)
		]);
		const statuses = [...a, ...b].map((r) => r.status).sort();
		expect(statuses).toEqual([...Array(5).fill('accepted'), ...Array(5).fill('duplicate')]);
		expect(await count(db(), 'events')).toBe(5);
	});

	it('rejects and quarantines each bad event with the field to fix, and keeps the good ones', async () => {
		const t = await demoTeam(db());
		const b = await secondTeam(db());
		const good = visits(t, 2);
		const malformed = { ...visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId }), outcome: 'maybe' };
		const unknownHousehold = visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'nowhere' });
		const otherTeam = visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: TEAM_B.household });
		const otherDevice = visit({ deviceId: t.lead.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' });
		const otherTeamDevice = visit({ deviceId: b.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' });
		const before = {
			households: await count(db(), 'households'),
			orders: await count(db(), 'orders')
		};

		const results = await pushEvents(
			db(),
			t.volunteer,
			[good[0], malformed, unknownHousehold, otherTeam, otherDevice, otherTeamDevice, good[1]],
			7
		);

		expect(results.map((r) => [r.id, r.status])).toEqual([
			[good[0].id, 'accepted'],
			[malformed.id, 'rejected'],
			[unknownHousehold.id, 'rejected'],
			[otherTeam.id, 'rejected'],
			[otherDevice.id, 'rejected'],
			[otherTeamDevice.id, 'rejected'],
			[good[1].id, 'accepted']
		]);
		expect(results[1].reason).toMatch(/^outcome:/);
		expect(results[2].reason).toMatch(/^householdId:/);
		expect(results[3].reason).toMatch(/^householdId:/);
		expect(results[4].reason).toMatch(/^deviceId:/);
		expect(results[5].reason).toMatch(/^deviceId:/);
		const quarantined = await db().all<{ event_id: string; reason: string; device_id: string }>(
			'SELECT event_id, reason, device_id FROM quarantine ORDER BY event_id'
		);
		expect(quarantined.map((q) => q.event_id).sort()).toEqual(
			[malformed.id, unknownHousehold.id, otherTeam.id, otherDevice.id, otherTeamDevice.id].sort()
		);
		expect(quarantined.every((q) => q.device_id === t.volunteer.deviceId && q.reason.length > 0)).toBe(true);
		const stored = await db().all<{ id: string }>('SELECT id FROM events ORDER BY seq');
		expect(stored.map((r) => r.id)).toEqual([good[0].id, good[1].id]);
		expect(await count(db(), 'households')).toBe(before.households);
		expect(await count(db(), 'orders')).toBe(before.orders);
	});

	it('rejects text PostgreSQL cannot store instead of failing the whole batch', async () => {
		const t = await demoTeam(db());
		const [good] = visits(t, 1);
		const nul = visit({
			deviceId: t.volunteer.deviceId,
			roundId: t.roundId,
			householdId: 'demo-1-1-101',
			note: 'a\u0000b'
		});
		const results = await pushEvents(db(), t.volunteer, [nul, good], 2);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted']);
		expect(results[0].reason).toMatch(/^note:/);
	});

	it('turns a delivery request into an order of the team', async () => {
		const t = await demoTeam(db());
		const request = deliveryRequest(t.volunteer, 'demo-2-1-301');
		expect(await pushEvents(db(), t.volunteer, [request], 1)).toEqual([{ id: request.id, status: 'accepted' }]);
		const order = await db().get('SELECT team_id, household_id, items, purchase FROM orders WHERE id = ?', [
			request.order.id
		]);
		expect(order).toEqual({ team_id: 'demo-team', household_id: 'demo-2-1-301', items: '["退烧药"]', purchase: 1 });
		const reused = { ...deliveryRequest(t.volunteer, 'demo-2-1-301'), order: request.order };
		const [again] = await pushEvents(db(), t.volunteer, [reused], 1);
		expect(again.status).toBe('rejected');
		expect(again.reason).toMatch(/^order\.id:/);
	});

	it('records when the device last synced and how much it still holds', async () => {
		const t = await demoTeam(db());
		await pushEvents(db(), t.volunteer, [], 7);
		const row = await db().get<{ last_pending: number; last_sync_at: string | null }>(
			'SELECT last_pending, last_sync_at FROM devices WHERE id = ?',
			[t.volunteer.deviceId]
		);
		expect(row?.last_pending).toBe(7);
		expect(row?.last_sync_at).toMatch(/^\d{4}-/);
	});

	it('accepts the previous event schema version as sent and refuses missing or unknown ones by name', async () => {
		const t = await demoTeam(db());
		const at = { deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' };
		const v0 = visit({ ...at, v: 0 });
		const v1 = visit(at);
		const noVersion: Record<string, unknown> = { ...visit(at) };
		delete noVersion.v;
		const future = { ...visit(at), v: 2 };
		const wrongType = { ...visit(at), v: '1' };
		const results = await pushEvents(db(), t.volunteer, [v0, noVersion, future, wrongType, v1], 5);
		expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'accepted']);
		expect(results[1].reason).toMatch(/^v: the event carries no schema version; this server accepts 0 or 1/);
		expect(results[2].reason).toMatch(/^v: unknown event schema version 2; this server accepts 0 or 1/);
		expect(results[3].reason).toMatch(/^v: unknown event schema version; /);
		const stored = await db().all<{ body: string }>('SELECT body FROM events ORDER BY seq');
		expect(stored.map((r) => JSON.parse(r.body) as unknown)).toEqual([v0, v1]);
	});
});
