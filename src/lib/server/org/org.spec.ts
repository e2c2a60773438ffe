import { describe, expect, it } from 'vitest';
import { authenticate, AuthError, enrol, PendingError } from '../auth';
import { DEMO_TEAM } from '../demo';
import { approveDevice, listDevices, revokeDevice } from '../lead/devices';
import { rotate, setExpiry, updateSettings } from '../lead/invitations';
import { admin, enrolled } from '../lead/testing';
import { pull } from '../pull';
import { pushEvents } from '../push';
import { DEMO, demoTeam, visit } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import { adminCloseTeam, adminCreateTeam, adminInvite, adminRenameTeam } from './admin';
import { overview } from './overview';
import { completeSetup, issueSetupToken } from './setup';

describe.each(STORES)('organisation rules on $name', (kind) => {
	const db = freshStore(kind);

	it('a setup link works once, only the last one printed works, and none once an administrator exists', async () => {
		const first = await issueSetupToken(db());
		const second = await issueSetupToken(db());
		expect(first).not.toBe(second);
		const req = { orgName: '某某街道', adminName: '街道管理员', community: '一社区' };
		await expect(completeSetup(db(), { ...req, token: first ?? '' })).rejects.toMatchObject({ status: 404 });
		const done = await completeSetup(db(), { ...req, token: second ?? '' });
		expect(done.communities).toHaveLength(1);
		expect(done.communities[0].volunteerCode).not.toBe(done.communities[0].leadCode);
		const auth = await authenticate(db(), `Bearer ${done.admin.token}`);
		expect(auth).toMatchObject({ role: 'admin', status: 'active', orgId: done.org.id });
		await expect(completeSetup(db(), { ...req, token: second ?? '' })).rejects.toMatchObject({ status: 404 });
		expect(await issueSetupToken(db())).toBeNull();
	});

	it('an expired setup link is refused', async () => {
		const token = await issueSetupToken(db(), new Date('2026-11-01T00:00:00Z'));
		await expect(
			completeSetup(
				db(),
				{ token: token ?? '', orgName: '街道', adminName: '甲', community: '社区' },
				new Date('2026-11-03T00:00:00Z')
			)
		).rejects.toMatchObject({ status: 404 });
	});

	it('a volunteer waits for approval: no pull, no push, until the lead approves', async () => {
		const t = await demoTeam(db());
		await updateSettings(db(), t.lead, { approval: true });
		const v = await enrol(db(), DEMO.volunteerCode, '新来的');
		expect(v?.status).toBe('pending');
		await expect(authenticate(db(), `Bearer ${v?.token}`)).rejects.toBeInstanceOf(PendingError);
		const waiting = await authenticate(db(), `Bearer ${v?.token}`, { allowPending: true });
		expect(waiting.status).toBe('pending');
		expect((await listDevices(db(), t.lead)).find((d) => d.id === v?.deviceId)?.status).toBe('pending');
		await expect(approveDevice(db(), t.volunteer, v?.deviceId ?? '')).rejects.toMatchObject({ status: 403 });
		expect((await approveDevice(db(), t.lead, v?.deviceId ?? '')).status).toBe('active');
		const approved = await authenticate(db(), `Bearer ${v?.token}`);
		expect((await pull(db(), approved, 0, 2000)).households.length).toBeGreaterThan(0);
	});

	it('a lead code makes an active lead even where approval is on: the code itself is the administrator’s trust', async () => {
		const t = await demoTeam(db());
		await updateSettings(db(), t.lead, { approval: true });
		expect((await enrol(db(), DEMO.leadCode, '副队长'))?.status).toBe('active');
	});

	it('a rotated code stops at once and the new one works; an expired invitation is refused', async () => {
		const t = await demoTeam(db());
		const old = DEMO.volunteerCode;
		const next = await rotate(db(), t.lead, 'volunteer', null);
		expect(next.volunteer?.code).not.toBe(old);
		expect(await enrol(db(), old, '拿旧码的人')).toBeNull();
		expect(await enrol(db(), next.volunteer?.code ?? '', '新码')).not.toBeNull();
		const soon = await setExpiry(db(), t.lead, 'volunteer', 1, undefined, new Date('2026-11-23T08:00:00Z'));
		expect(soon.volunteer?.expiresAt).toBe('2026-11-23T09:00:00.000Z');
		expect(await enrol(db(), soon.volunteer?.code ?? '', '晚到的', new Date('2026-11-23T09:30:00Z'))).toBeNull();
	});

	it('a revoked volunteer who enrols again waits for approval; with approval off the code is rotated with the revoke', async () => {
		const t = await demoTeam(db());
		await updateSettings(db(), t.lead, { approval: true });
		await revokeDevice(db(), t.lead, t.volunteer.deviceId);
		expect((await enrol(db(), DEMO.volunteerCode, t.volunteer.volunteer))?.status).toBe('pending');
		await updateSettings(db(), t.lead, { approval: false });
		const other = await enrolled(db(), DEMO.volunteerCode, '另一个');
		await revokeDevice(db(), t.lead, other.auth.deviceId);
		expect(await enrol(db(), DEMO.volunteerCode, '另一个')).toBeNull();
	});

	it('only an administrator of the organisation creates, renames and closes communities; a closed one takes no enrolment', async () => {
		const t = await demoTeam(db());
		const a = await admin(db());
		await expect(adminCreateTeam(db(), t.lead, '二社区', true)).rejects.toMatchObject({ status: 403 });
		const made = await adminCreateTeam(db(), a, '二社区', true);
		await adminRenameTeam(db(), a, made.teamId, '第二社区');
		expect((await overview(db(), a)).communities.map((c) => c.name)).toEqual([DEMO_TEAM.name, '第二社区']);
		await adminCloseTeam(db(), a, made.teamId);
		expect(await enrol(db(), made.volunteerCode, '迟到')).toBeNull();
		await expect(adminRenameTeam(db(), a, 'no-such-team', 'x')).rejects.toMatchObject({ status: 404 });
	});

	it('an administrator invitation works once, for an administrator of the same organisation', async () => {
		const a = await admin(db());
		const invite = await adminInvite(db(), a);
		const b = await enrol(db(), invite.code, '第二管理员');
		expect(b).toMatchObject({ role: 'admin', status: 'active' });
		expect((await authenticate(db(), `Bearer ${b?.token}`)).orgId).toBe(a.orgId);
		expect(await enrol(db(), invite.code, '第三个')).toBeNull();
	});

	it('codes never collide across teams and roles', async () => {
		const a = await admin(db());
		const codes = new Set<string>();
		for (let i = 0; i < 20; i++) {
			const t = await adminCreateTeam(db(), a, `社区${i}`, true);
			codes.add(t.volunteerCode).add(t.leadCode);
		}
		expect(codes.size).toBe(40);
	});

	it('the overview counts coverage, open orders and devices, and names no resident', async () => {
		const t = await demoTeam(db());
		const a = await admin(db());
		await pushEvents(
			db(),
			t.volunteer,
			[visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' })],
			3
		);
		const o = await overview(db(), a);
		const demo = o.communities[0];
		expect(demo).toMatchObject({ id: DEMO_TEAM.id, householdsDone: 1, openOrders: 5, devices: 2, notHandedIn: 2 });
		const text = JSON.stringify(o);
		const heads = await db().all<{ head: string; phone: string }>('SELECT head, phone FROM households');
		for (const h of heads) expect(text).not.toContain(h.phone);
		await expect(overview(db(), t.lead)).rejects.toMatchObject({ status: 403 });
	});

	it('a revoked device is refused with 401 whatever its status', async () => {
		const t = await demoTeam(db());
		const a = await admin(db());
		const lead = await enrolled(db(), DEMO.leadCode, '副队长');
		await revokeDevice(db(), a, lead.auth.deviceId, DEMO_TEAM.id);
		await expect(authenticate(db(), `Bearer ${lead.token}`, { allowPending: true })).rejects.toBeInstanceOf(AuthError);
		void t;
	});
});
