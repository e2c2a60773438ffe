import { describe, expect, it } from 'vitest';
import { authenticate, AuthError } from './auth';
import { listDevices } from './lead/devices';
import { enrolled } from './lead/testing';
import { pushEvents } from './push';
import { count, demoTeam, DEMO, secondTeam, TEAM_B, visit } from './testing/fixtures';
import { STORES, freshStore } from './testing/stores';
import { writeOff } from './write-off';

describe.each(STORES)('a forgotten PIN’s write-off on $name', (kind) => {
	const db = freshStore(kind);

	it('records the ids the server lacks, shows the lead how many, and retires the token with the last batch', async () => {
		const t = await demoTeam(db());
		const phone = await enrolled(db(), DEMO.volunteerCode, '忘码志愿');
		const sent = visit({ deviceId: phone.auth.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' });
		await pushEvents(db(), phone.auth, [sent], 3);

		expect(await writeOff(db(), phone.auth, ['lost-1', 'lost-2'], false)).toEqual({ lost: 2, alreadyIn: 0 });
		// Still enrolled until the last batch: the rest can follow.
		expect((await authenticate(db(), `Bearer ${phone.token}`)).deviceId).toBe(phone.auth.deviceId);
		// A retry of a batch and an id the server already has (its acknowledgement was lost).
		expect(await writeOff(db(), phone.auth, ['lost-2', sent.id, 'lost-3', 'lost-3'], true)).toEqual({
			lost: 2,
			alreadyIn: 1
		});
		expect(await count(db(), 'written_off')).toBe(3);
		await expect(authenticate(db(), `Bearer ${phone.token}`)).rejects.toBeInstanceOf(AuthError);

		const row = (await listDevices(db(), t.lead)).find((d) => d.id === phone.auth.deviceId);
		expect(row).toMatchObject({ writtenOff: 3, revokedAt: expect.any(String) });
		expect((await listDevices(db(), t.lead)).find((d) => d.id === t.volunteer.deviceId)?.writtenOff).toBe(0);
	});

	it('never counts as lost what reached the server after all', async () => {
		const t = await demoTeam(db());
		const late = visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-102' });
		await writeOff(db(), t.volunteer, [late.id], false);
		expect((await listDevices(db(), t.lead)).find((d) => d.id === t.volunteer.deviceId)?.writtenOff).toBe(1);
		await pushEvents(db(), t.volunteer, [late], 0);
		expect((await listDevices(db(), t.lead)).find((d) => d.id === t.volunteer.deviceId)?.writtenOff).toBe(0);
	});

	it('keeps each team’s notices to itself: another team’s event id is not “already in” here', async () => {
		const t = await demoTeam(db());
		const b = await secondTeam(db());
		const theirs = visit({ deviceId: b.volunteer.deviceId, roundId: b.roundId, householdId: TEAM_B.household });
		await pushEvents(db(), b.volunteer, [theirs], 0);
		expect(await writeOff(db(), t.volunteer, [theirs.id], false)).toEqual({ lost: 1, alreadyIn: 0 });
		const { writtenOff } = (await listDevices(db(), t.lead)).find((d) => d.id === t.volunteer.deviceId) ?? {};
		expect(writtenOff).toBe(1);
	});
});
