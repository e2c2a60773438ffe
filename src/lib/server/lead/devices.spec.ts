import { describe, expect, it } from 'vitest';
import { authenticate, AuthError } from '../auth';
import { DEMO_TEAM } from '../demo';
import { pushEvents } from '../push';
import { demoTeam, secondTeam, TEAM_B, visit, DEMO } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import { listDevices, revokeDevice } from './devices';
import { admin, enrolled } from './testing';

describe.each(STORES)('lead devices on $name', (kind) => {
	const db = freshStore(kind);

	it('lists every device of the team with what it reported at its last push', async () => {
		const t = await demoTeam(db());
		await secondTeam(db());
		const e = visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' });
		await pushEvents(db(), t.volunteer, [e], 7);
		const devices = await listDevices(db(), t.lead);
		expect(devices.map((d) => d.id)).toEqual([t.volunteer.deviceId, t.lead.deviceId]);
		const [v, l] = devices;
		expect(v).toMatchObject({ volunteer: t.volunteer.volunteer, role: 'volunteer', lastPending: 7, revokedAt: null });
		expect(Date.parse(v.lastSyncAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
		expect(Date.parse(v.createdAt)).not.toBeNaN();
		expect(l).toMatchObject({ role: 'lead', lastSyncAt: null, lastPending: 0, revokedAt: null });
	});

	it('refuses a volunteer device with 403, for the list and for a revoke', async () => {
		const t = await demoTeam(db());
		await expect(listDevices(db(), t.volunteer)).rejects.toMatchObject({ status: 403 });
		await expect(revokeDevice(db(), t.volunteer, t.lead.deviceId)).rejects.toMatchObject({ status: 403 });
	});

	it('revokes a device, whose token then stops working while the others still work', async () => {
		const t = await demoTeam(db());
		const other = await enrolled(db(), DEMO.volunteerCode, '小张');
		const gone = await enrolled(db(), DEMO.volunteerCode, '小李');
		const done = await revokeDevice(db(), t.lead, gone.auth.deviceId);
		expect(done).toMatchObject({ id: gone.auth.deviceId, revokedAt: expect.any(String) });
		await expect(authenticate(db(), `Bearer ${gone.token}`)).rejects.toBeInstanceOf(AuthError);
		expect((await authenticate(db(), `Bearer ${other.token}`)).deviceId).toBe(other.auth.deviceId);
		const listed = await listDevices(db(), t.lead);
		expect(listed.find((d) => d.id === gone.auth.deviceId)?.revokedAt).toBe(done.revokedAt);
	});

	it('answers a second revoke with the first one’s time', async () => {
		const t = await demoTeam(db());
		const first = await revokeDevice(db(), t.lead, t.volunteer.deviceId);
		const again = await revokeDevice(db(), t.lead, t.volunteer.deviceId);
		expect(again.revokedAt).toBe(first.revokedAt);
	});

	it('answers 404 for another team’s device and leaves it working', async () => {
		const t = await demoTeam(db());
		await secondTeam(db());
		const b = await enrolled(db(), TEAM_B.enrolCode);
		await expect(revokeDevice(db(), t.lead, b.auth.deviceId)).rejects.toMatchObject({ status: 404, message: /^id:/ });
		await expect(revokeDevice(db(), t.lead, 'no-such-device')).rejects.toMatchObject({ status: 404 });
		expect((await authenticate(db(), `Bearer ${b.token}`)).deviceId).toBe(b.auth.deviceId);
	});

	it('refuses a lead revoking its own device (409), another lead’s (403) or an admin’s (404: not in the team); an admin revokes a lead', async () => {
		const t = await demoTeam(db());
		const a = await admin(db());
		const second = await enrolled(db(), DEMO.leadCode, '副队长');
		await expect(revokeDevice(db(), t.lead, t.lead.deviceId)).rejects.toMatchObject({ status: 409, message: /^id:/ });
		await expect(revokeDevice(db(), t.lead, a.deviceId)).rejects.toMatchObject({ status: 404 });
		await expect(revokeDevice(db(), t.lead, second.auth.deviceId)).rejects.toMatchObject({
			status: 403,
			message: /administrator/
		});
		expect((await revokeDevice(db(), a, second.auth.deviceId, DEMO_TEAM.id)).revokedAt).not.toBeNull();
		expect((await revokeDevice(db(), a, t.lead.deviceId, DEMO_TEAM.id)).revokedAt).not.toBeNull();
	});

	it('lets an admin list and revoke in a team it names', async () => {
		await demoTeam(db());
		const first = await secondTeam(db());
		const a = await admin(db());
		const b = await enrolled(db(), TEAM_B.enrolCode);
		expect((await listDevices(db(), a, TEAM_B.id)).map((d) => d.id)).toEqual([
			first.volunteer.deviceId,
			b.auth.deviceId
		]);
		await expect(revokeDevice(db(), a, b.auth.deviceId)).rejects.toMatchObject({ status: 400 });
		await expect(revokeDevice(db(), a, b.auth.deviceId, DEMO_TEAM.id)).rejects.toMatchObject({ status: 404 });
		await revokeDevice(db(), a, b.auth.deviceId, TEAM_B.id);
		await expect(authenticate(db(), `Bearer ${b.token}`)).rejects.toThrow(/revoked/);
	});
});
