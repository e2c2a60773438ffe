import { describe, expect, it } from 'vitest';
import { authenticate, AuthError } from './auth';
import { stepIndex, stepSql } from './db/migrate';
import { HttpError } from './errors';
import { listDevices } from './lead/devices';
import { enrolled } from './lead/testing';
import { pushEvents } from './push';
import { count, demoTeam, device, DEMO, secondTeam, TEAM_B, visit } from './testing/fixtures';
import { STORES, freshStore } from './testing/stores';
import { decideWriteOff, fileWriteOff, writeOffStatus } from './write-off';

const status = (e: unknown) => (e instanceof HttpError ? e.status : e);

describe.each(STORES)('a forgotten PIN’s write-off request on $name', (kind) => {
	const db = freshStore(kind);
	const row = async (lead: Parameters<typeof listDevices>[1], id: string) =>
		(await listDevices(db(), lead)).find((d) => d.id === id);

	it('records the ids the server lacks, retires the token with the last batch, and waits for the lead', async () => {
		const t = await demoTeam(db());
		const phone = await enrolled(db(), DEMO.volunteerCode, '忘码志愿');
		const sent = visit({ deviceId: phone.auth.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' });
		await pushEvents(db(), phone.auth, [sent], 3);

		expect(await fileWriteOff(db(), phone.auth, ['lost-1', 'lost-2'], false)).toEqual({ lost: 2, alreadyIn: 0 });
		// Still enrolled until the last batch: the rest can follow; no request yet.
		expect((await authenticate(db(), `Bearer ${phone.token}`)).deviceId).toBe(phone.auth.deviceId);
		expect(await writeOffStatus(db(), phone.auth)).toEqual({ status: 'none', decidedAt: null });
		// A retry of a batch and an id the server already has (its acknowledgement was lost).
		expect(await fileWriteOff(db(), phone.auth, ['lost-2', sent.id, 'lost-3', 'lost-3'], true)).toEqual({
			lost: 2,
			alreadyIn: 1
		});
		expect(await count(db(), 'written_off')).toBe(3);
		// The old token reads nothing now; it may still hand in and ask.
		await expect(authenticate(db(), `Bearer ${phone.token}`)).rejects.toBeInstanceOf(AuthError);
		const old = await authenticate(db(), `Bearer ${phone.token}`, { allowRevoked: true });
		expect(await writeOffStatus(db(), old)).toEqual({ status: 'pending', decidedAt: null });

		// The lead sees the request, not a loss: nothing is lost before the lead says so.
		expect(await row(t.lead, phone.auth.deviceId)).toMatchObject({
			writtenOff: 0,
			writeOff: { status: 'pending', unsent: 3, decidedAt: null },
			revokedAt: expect.any(String)
		});
		expect((await row(t.lead, t.volunteer.deviceId))?.writeOff).toBeNull();

		const approved = await decideWriteOff(db(), t.lead, phone.auth.deviceId, true);
		expect(approved).toMatchObject({ writtenOff: 3, writeOff: { status: 'approved', unsent: 3 } });
		expect((await writeOffStatus(db(), old)).status).toBe('approved');
		// Approving twice answers as it stands; refusing after approval is refused and changes nothing.
		expect(await decideWriteOff(db(), t.lead, phone.auth.deviceId, true)).toEqual(approved);
		expect(status(await decideWriteOff(db(), t.lead, phone.auth.deviceId, false).catch((e) => e))).toBe(409);
		// A decided request is not filed again.
		expect(status(await fileWriteOff(db(), old, ['lost-4'], true).catch((e) => e))).toBe(409);
		expect(await count(db(), 'written_off')).toBe(3);
	});

	it('refused, the records stay unsent on the lead’s screen; handed in after all, the count goes down', async () => {
		const t = await demoTeam(db());
		const late = visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-102' });
		await fileWriteOff(db(), t.volunteer, [late.id, 'other'], true);
		const refused = await decideWriteOff(db(), t.lead, t.volunteer.deviceId, false);
		expect(refused).toMatchObject({ writtenOff: 0, writeOff: { status: 'refused', unsent: 2 } });
		expect((await writeOffStatus(db(), t.volunteer)).status).toBe('refused');
		// The remembered PIN: the revoked device hands in.
		await pushEvents(db(), t.volunteer, [late], 0);
		expect((await row(t.lead, t.volunteer.deviceId))?.writeOff?.unsent).toBe(1);
	});

	it('a volunteer cannot decide, nor another team’s lead; a device that asked nothing answers 404', async () => {
		const t = await demoTeam(db());
		await secondTeam(db());
		const otherLead = await device(db(), TEAM_B.leadCode, '乙组长');
		const phone = await enrolled(db(), DEMO.volunteerCode, '忘码');
		await fileWriteOff(db(), phone.auth, ['x1'], true);
		expect(status(await decideWriteOff(db(), t.volunteer, phone.auth.deviceId, true).catch((e) => e))).toBe(403);
		expect(status(await decideWriteOff(db(), otherLead, phone.auth.deviceId, true).catch((e) => e))).toBe(404);
		expect(status(await decideWriteOff(db(), t.lead, t.volunteer.deviceId, true).catch((e) => e))).toBe(404);
		expect((await row(t.lead, phone.auth.deviceId))?.writeOff?.status).toBe('pending');
	});

	it('with nothing missing there is no request: the token is retired, nothing waits for the lead', async () => {
		const t = await demoTeam(db());
		await fileWriteOff(db(), t.volunteer, [], true);
		expect((await writeOffStatus(db(), t.volunteer)).status).toBe('none');
		expect(await row(t.lead, t.volunteer.deviceId)).toMatchObject({ writeOff: null, revokedAt: expect.any(String) });
	});

	it('the migration keeps a loss the volunteer wrote off before approvals existed: approved, still counted', async () => {
		const t = await demoTeam(db());
		await db().run('INSERT INTO written_off (team_id, event_id, device_id, written_at) VALUES (?, ?, ?, ?)', [
			t.volunteer.teamId,
			'old-loss',
			t.volunteer.deviceId,
			'2026-11-30T08:00:00Z'
		]);
		// Rerun this step's copy of the old notices, as a store from before the step would.
		await db().run(stepSql(stepIndex('CREATE TABLE write_off_requests')).split(';')[1]);
		expect(await row(t.lead, t.volunteer.deviceId)).toMatchObject({
			writtenOff: 1,
			writeOff: { status: 'approved', unsent: 1, askedAt: '2026-11-30T08:00:00Z' }
		});
	});

	it('keeps each team’s requests to itself: another team’s event id is not “already in” here', async () => {
		const t = await demoTeam(db());
		const b = await secondTeam(db());
		const theirs = visit({ deviceId: b.volunteer.deviceId, roundId: b.roundId, householdId: TEAM_B.household });
		await pushEvents(db(), b.volunteer, [theirs], 0);
		expect(await fileWriteOff(db(), t.volunteer, [theirs.id], true)).toEqual({ lost: 1, alreadyIn: 0 });
		expect((await row(t.lead, t.volunteer.deviceId))?.writeOff?.unsent).toBe(1);
	});
});
