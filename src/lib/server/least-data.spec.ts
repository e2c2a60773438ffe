import { describe, expect, it } from 'vitest';
import { maskName, maskPhone } from '$lib/domain/mask';
import { MASKED_TAG } from '$lib/domain/constants';
import { assign } from './assignments';
import { updateSettings } from './lead/invitations';
import { listDevices } from './lead/devices';
import { pull } from './pull';
import { pushEvents } from './push';
import { DEMO, demoTeam, device, visit } from './testing/fixtures';
import { STORES, freshStore } from './testing/stores';

describe.each(STORES)('least data and attribution on $name', (kind) => {
	const db = freshStore(kind);

	it('an unassigned volunteer gets names and phones masked unless the lead lets the team see them; an assigned one sees its area in full', async () => {
		const t = await demoTeam(db());
		await updateSettings(db(), t.lead, { fullWhenUnassigned: false });
		const full = await db().all<{ id: string; head: string; phone: string; tags: string; note: string }>(
			'SELECT id, head, phone, tags, note FROM households'
		);
		const masked = await pull(db(), t.volunteer, 0, 5000);
		const text = JSON.stringify(masked);
		for (const h of full) {
			expect(text).not.toContain(h.phone);
			if ([...h.head].length > 1) expect(text).not.toContain(`"${h.head}"`);
		}
		const tagged = full.find((h) => JSON.parse(h.tags).length > 0);
		const seen = masked.households.find((h) => h.id === tagged?.id);
		expect(seen).toMatchObject({
			head: maskName(tagged?.head ?? ''),
			phone: maskPhone(tagged?.phone ?? ''),
			tags: [MASKED_TAG],
			note: ''
		});
		// The lead sees everything of its team.
		expect(JSON.stringify(await pull(db(), t.lead, 0, 5000))).toContain(tagged?.phone);
		// Assigned building 1: those households in full, no other household at all.
		await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '1', unit: null });
		const mine = await pull(db(), t.volunteer, 0, 5000);
		expect(mine.households.every((h) => h.building === '1')).toBe(true);
		const one = full.find((h) => h.id === mine.households[0].id);
		expect(mine.households[0]).toMatchObject({ head: one?.head, phone: one?.phone });
	});

	it('switching full view for unassigned volunteers makes their next pull a resync under the new rule', async () => {
		const t = await demoTeam(db());
		const first = await pull(db(), t.volunteer, 0, 5000);
		await updateSettings(db(), t.lead, { fullWhenUnassigned: false });
		const next = await pull(db(), t.volunteer, first.cursor, 5000, first.scope);
		expect(next.resync).toBe('scope-changed');
	});

	it('the server names the enrolled volunteer, stamps when it received each event, and notes a wrong clock', async () => {
		const t = await demoTeam(db());
		const e = {
			...visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' }),
			volunteer: '冒名顶替'
		};
		const ahead = new Date(Date.now() + 3 * 3600_000).toISOString();
		await pushEvents(db(), t.volunteer, [{ ...e, receivedAt: '2000-01-01T00:00:00.000Z' }], 0, ahead);
		const page = await pull(db(), t.lead, 0, 5000);
		const got = page.events.find((x) => x.id === e.id);
		expect(got?.volunteer).toBe(t.volunteer.volunteer);
		expect(Date.parse(got?.receivedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
		const device = (await listDevices(db(), t.lead)).find((d) => d.id === t.volunteer.deviceId);
		expect(device?.clockOffsetMs).toBeGreaterThan(2 * 3600_000);
	});

	it('a volunteer undoes or corrects only its own records; a lead voids anyone’s', async () => {
		const t = await demoTeam(db());
		const other = await device(db(), DEMO.volunteerCode, '另一个');
		const mine = visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' });
		await pushEvents(db(), t.volunteer, [mine], 0);
		const base = { v: 1 as const, at: '2026-11-23T09:00:00.000Z', householdId: 'demo-1-1-101' };
		const undo = {
			...base,
			id: 'void-by-other',
			type: 'void',
			deviceId: other.deviceId,
			volunteer: '另一个',
			voids: [mine.id]
		};
		const [refused] = await pushEvents(db(), other, [undo], 0);
		expect(refused).toMatchObject({ status: 'rejected', reason: /only their own/ });
		const fix = {
			...visit({ deviceId: other.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' }),
			replaces: [mine.id]
		};
		expect((await pushEvents(db(), other, [fix], 0))[0]).toMatchObject({ status: 'rejected' });
		const leadVoid = {
			...base,
			id: 'void-by-lead',
			type: 'void',
			deviceId: t.lead.deviceId,
			volunteer: '队长',
			voids: [mine.id]
		};
		expect((await pushEvents(db(), t.lead, [leadVoid], 0))[0]).toMatchObject({ status: 'accepted' });
	});
});
