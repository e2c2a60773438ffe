import { describe, expect, it } from 'vitest';
import { pushEvents } from '../push';
import { demoTeam, device, secondTeam, visit, DEMO } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import { revokeDevice } from './devices';
import { shiftSummary } from './shift';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe.each(STORES)('lead shift summary on $name', (kind) => {
	const db = freshStore(kind);

	it('tells which devices handed in since the shift ended and counts what arrived', async () => {
		const t = await demoTeam(db());
		const late = await device(db(), DEMO.volunteerCode, '小孙');
		const silent = await device(db(), DEMO.volunteerCode, '小周');
		const b = await secondTeam(db());
		const at = (auth: typeof late, householdId: string) =>
			visit({ deviceId: auth.deviceId, roundId: t.roundId, householdId });

		await pushEvents(db(), late, [at(late, 'demo-1-1-101')], 3);
		await tick();
		const since = new Date();
		await tick();
		await pushEvents(db(), t.volunteer, [at(t.volunteer, 'demo-1-1-102'), at(t.volunteer, 'demo-1-1-201')], 0);
		await pushEvents(db(), t.lead, [at(t.lead, 'demo-2-1-101')], 1);
		await pushEvents(
			db(),
			b.volunteer,
			[visit({ deviceId: b.volunteer.deviceId, roundId: b.roundId, householdId: 'b-1-1-101' })],
			0
		);

		const s = await shiftSummary(db(), t.lead, since.toISOString());
		expect(s.since).toBe(since.toISOString());
		expect(s.eventsSince).toBe(3);
		expect(s.allHandedIn).toBe(false);
		const by = new Map(s.devices.map((d) => [d.id, d]));
		expect(s.devices).toHaveLength(4);
		expect(by.get(t.volunteer.deviceId)).toMatchObject({ syncedSinceShiftEnd: true, lastPending: 0, eventsSince: 2 });
		expect(by.get(t.lead.deviceId)).toMatchObject({ syncedSinceShiftEnd: true, lastPending: 1, eventsSince: 1 });
		expect(by.get(late.deviceId)).toMatchObject({ syncedSinceShiftEnd: false, lastPending: 3, eventsSince: 0 });
		expect(by.get(silent.deviceId)).toMatchObject({ volunteer: '小周', lastSyncAt: null, syncedSinceShiftEnd: false });
	});

	it('reads a `since` with an offset as the same instant', async () => {
		const t = await demoTeam(db());
		await pushEvents(
			db(),
			t.volunteer,
			[visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' })],
			0
		);
		// An hour ahead of now, written in China time: nothing has arrived since.
		const ahead = new Date(Date.now() + 3_600_000);
		const local = new Date(ahead.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
		const s = await shiftSummary(db(), t.lead, local);
		expect(s.since).toBe(ahead.toISOString());
		expect(s.eventsSince).toBe(0);
		expect(s.devices.every((d) => !d.syncedSinceShiftEnd)).toBe(true);
	});

	it('is all handed in once every device synced with an empty outbox, revoked ones left out', async () => {
		const t = await demoTeam(db());
		const lost = await device(db(), DEMO.volunteerCode, '丢了手机');
		await revokeDevice(db(), t.lead, lost.deviceId);
		const since = new Date(Date.now() - 1000).toISOString();
		await pushEvents(db(), t.volunteer, [], 0);
		expect((await shiftSummary(db(), t.lead, since)).allHandedIn).toBe(false);
		await pushEvents(db(), t.lead, [], 0);
		const s = await shiftSummary(db(), t.lead, since);
		expect(s.devices.map((d) => d.id)).toEqual([t.volunteer.deviceId, t.lead.deviceId]);
		expect(s.allHandedIn).toBe(true);
	});

	it('refuses a volunteer device and another team’s lead', async () => {
		const t = await demoTeam(db());
		await secondTeam(db());
		const since = new Date().toISOString();
		await expect(shiftSummary(db(), t.volunteer, since)).rejects.toMatchObject({ status: 403 });
		await expect(shiftSummary(db(), t.lead, since, 'team-b')).rejects.toMatchObject({ status: 403 });
	});
});
