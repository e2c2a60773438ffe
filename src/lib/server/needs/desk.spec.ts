import { describe, expect, it } from 'vitest';
import type { NeedEvent } from '$lib/domain/schemas';
import { created, needEvent } from '$tests/support/needs';
import type { DeviceAuth } from '../auth';
import { pull } from '../pull';
import { pushEvents } from '../push';
import { APP_KINDS, assign, demoTeam, DEMO, device, secondTeam, TEAM_B } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import { httpStatus } from '../testing/http-status';
import { deskDevices, deskRoster, deskStatus, deskTeam, setDesk } from './desk';
import { decideTriage, openBuilding, residentAsk, switchResidentPage, triageList } from './resident';

const who = (a: DeviceAuth) => ({ deviceId: a.deviceId, volunteer: a.volunteer });
const status = httpStatus;

describe.each(STORES)('the desk role on $name', (kind) => {
	const db = freshStore(kind);

	async function team() {
		const t = await demoTeam(db());
		const settings = await switchResidentPage(db(), t.lead, true);
		const b1 = settings.buildings.find((b) => b.building === '1');
		if (!b1) throw new Error('no token for building 1');
		const desk = await device(db(), DEMO.volunteerCode, '受理台志愿者');
		const b = await openBuilding(db(), b1.token);
		const room = (await db().get<{ unit: string; room: string }>(
			"SELECT unit, room FROM households WHERE team_id = ? AND building = '1' ORDER BY unit, room LIMIT 1",
			[t.lead.teamId]
		))!;
		await residentAsk(db(), b, { unit: room.unit, room: room.room, kind: 'medicine', text: '降压药一盒' });
		return { ...t, desk };
	}

	it('a volunteer the lead has not marked gets nothing of the desk: no roster, no triage list', async () => {
		const t = await team();
		expect(await deskStatus(db(), t.volunteer)).toEqual({ desk: false });
		expect(await status(deskRoster(db(), t.volunteer))).toBe(403);
		expect(await status(triageList(db(), t.volunteer))).toBe(403);
		const item = (await triageList(db(), t.lead)).items[0];
		expect(await status(decideTriage(db(), t.volunteer, item.id, 'reject'))).toBe(403);
		expect(await status(deskTeam(db(), t.desk))).toBe(403);
		// Nor may a volunteer mark themselves.
		expect(await status(setDesk(db(), t.volunteer, t.volunteer.deviceId, true))).toBe(403);
		expect(await status(deskDevices(db(), t.volunteer))).toBe(403);
	});

	it('a desk volunteer searches the roster as doors and heads only, works the triage list, takes requests for any door', async () => {
		const t = await team();
		expect(await setDesk(db(), t.lead, t.desk.deviceId, true)).toEqual({ desk: [t.desk.deviceId] });
		expect(await deskStatus(db(), t.desk)).toEqual({ desk: true });
		const roster = await deskRoster(db(), t.desk);
		const all = await db().all<{ id: string }>('SELECT id FROM households WHERE team_id = ?', [t.lead.teamId]);
		expect(roster.households).toHaveLength(all.length);
		for (const h of roster.households)
			expect(Object.keys(h).sort()).toEqual(['building', 'floor', 'head', 'id', 'room', 'unit']);
		// Least data: no phone, no tags, no note anywhere in the answer.
		const phones = await db().all<{ phone: string }>("SELECT phone FROM households WHERE team_id = ? AND phone <> ''", [
			t.lead.teamId
		]);
		const text = JSON.stringify(roster);
		for (const p of phones) expect(text).not.toContain(p.phone);
		// The triage list, and one decision.
		const [item] = (await triageList(db(), t.desk)).items;
		expect(item.text).toBe('降压药一盒');
		expect(await decideTriage(db(), t.desk, item.id, 'accept')).toEqual({ id: item.id, status: 'accepted' });
		// A phone request for a door outside the desk's area (it has none): accepted. Dispatching stays the lead's.
		const h = roster.households[roster.households.length - 1];
		const N = { needId: 'desk-need-1', householdId: h.id };
		const pushed = await pushEvents(
			db(),
			t.desk,
			[
				created(who(t.desk), N, { place: { building: h.building, unit: h.unit, room: h.room } } as Partial<NeedEvent>),
				needEvent('need_dispatched', who(t.desk), N, { to: null })
			],
			0
		);
		expect(pushed.map((r) => r.status)).toEqual(['accepted', 'rejected']);
		// Nothing else of the lead's: the lead's own endpoints still refuse the desk.
		expect(await status(deskDevices(db(), t.desk))).toBe(403);
		expect(await status(setDesk(db(), t.desk, t.volunteer.deviceId, true))).toBe(403);
		// Its sync is a volunteer's: the role adds nothing to what its device stores.
		const mine = await pull(db(), t.desk, 0, 1000, 0, APP_KINDS);
		const plain = await pull(db(), t.volunteer, 0, 1000, 0, APP_KINDS);
		expect(mine.households).toEqual(plain.households);
		// Taken back: refused again.
		expect(await setDesk(db(), t.lead, t.desk.deviceId, false)).toEqual({ desk: [] });
		expect(await status(deskRoster(db(), t.desk))).toBe(403);
		expect(await status(triageList(db(), t.desk))).toBe(403);
	});

	it('only the team’s own lead marks a desk, and only a volunteer’s device; a desk works for its own team only', async () => {
		const t = await team();
		expect(await status(setDesk(db(), t.lead, t.lead.deviceId, true))).toBe(400);
		expect(await status(setDesk(db(), t.lead, 'no-such-device', true))).toBe(404);
		await secondTeam(db());
		const leadB = await device(db(), TEAM_B.leadCode, '乙队长');
		expect(await status(setDesk(db(), leadB, t.desk.deviceId, true))).toBe(404);
		expect(await deskStatus(db(), t.desk)).toEqual({ desk: false });
		await setDesk(db(), t.lead, t.desk.deviceId, true);
		expect(await status(deskRoster(db(), t.desk, TEAM_B.id))).toBe(403);
		expect(await status(triageList(db(), t.desk, TEAM_B.id))).toBe(403);
		// A desk in its own area keeps its own sync untouched: assigned a building, it pulls that building.
		await assign(db(), t.desk, '1');
		expect((await pull(db(), t.desk, 0, 1000, 0, APP_KINDS)).households.length).toBeGreaterThan(0);
	});
});
