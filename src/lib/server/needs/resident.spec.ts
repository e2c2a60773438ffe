import { describe, expect, it } from 'vitest';
import type { NeedEvent } from '$lib/domain/schemas';
import { created, needEvent } from '$tests/support/needs';
import type { DeviceAuth } from '../auth';
import { HttpError } from '../errors';
import { pushEvents } from '../push';
import { demoTeam, device, secondTeam, TEAM_B } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import {
	decideTriage,
	openBuilding,
	residentAsk,
	residentPage,
	residentSettings,
	residentStatus,
	switchResidentPage,
	triageList
} from './resident';

const who = (a: DeviceAuth) => ({ deviceId: a.deviceId, volunteer: a.volunteer });
const failure = async (p: Promise<unknown>) => {
	try {
		await p;
	} catch (err) {
		if (err instanceof HttpError) return `${err.status} ${err.message}`;
		throw err;
	}
	throw new Error('expected a refusal');
};

describe.each(STORES)('the resident page on $name', (kind) => {
	const db = freshStore(kind);

	async function open() {
		const t = await demoTeam(db());
		const settings = await switchResidentPage(db(), t.lead, true);
		const b1 = settings.buildings.find((b) => b.building === '1');
		if (!b1) throw new Error('no token for building 1');
		return { ...t, token: b1.token, settings };
	}

	it('is off until the lead switches it on; then every building has its own random token', async () => {
		const t = await demoTeam(db());
		expect(await residentSettings(db(), t.lead)).toEqual({ enabled: false, buildings: [] });
		const on = await switchResidentPage(db(), t.lead, true);
		expect(on.enabled).toBe(true);
		const buildings = await db().all<{ building: string }>(
			'SELECT DISTINCT building FROM households WHERE team_id = ? ORDER BY building',
			[t.lead.teamId]
		);
		expect(on.buildings.map((b) => b.building)).toEqual(buildings.map((b) => b.building));
		expect(new Set(on.buildings.map((b) => b.token)).size).toBe(on.buildings.length);
		for (const b of on.buildings) expect(b.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
		// Asking again keeps the printed QR codes valid.
		expect((await residentSettings(db(), t.lead)).buildings).toEqual(on.buildings);
		expect(await failure(switchResidentPage(db(), t.volunteer, true))).toMatch(/^403/);
		expect(await failure(residentSettings(db(), t.volunteer))).toMatch(/^403/);
	});

	it('shows rooms and nothing of who lives there; a closed page and an unknown token answer alike', async () => {
		const t = await open();
		const page = await residentPage(db(), t.token);
		expect(page.building).toBe('1');
		expect(page.rooms.length).toBeGreaterThan(0);
		const text = JSON.stringify(page);
		const people = await db().all<{ head: string; phone: string }>(
			"SELECT head, phone FROM households WHERE team_id = ? AND building = '1'",
			[t.lead.teamId]
		);
		expect(people.length).toBeGreaterThan(0);
		for (const p of people) {
			expect(text).not.toContain(p.head);
			expect(text).not.toContain(p.phone);
		}
		for (const r of page.rooms) expect(Object.keys(r).sort()).toEqual(['floor', 'room', 'unit']);
		const unknown = await failure(residentPage(db(), 'x'.repeat(43)));
		await switchResidentPage(db(), t.lead, false);
		expect(await failure(residentPage(db(), t.token))).toBe(unknown);
		expect(unknown).toMatch(/^404/);
	});

	it('a request lands in triage, never on a volunteer; accepted and dispatched, the resident sees its state', async () => {
		const t = await open();
		const room = (await residentPage(db(), t.token)).rooms[0];
		const b = await openBuilding(db(), t.token);
		const ref = await residentAsk(db(), b, { unit: room.unit, room: room.room, kind: 'medicine', text: '降压药一盒' });
		expect(ref).toMatch(/^[23456789A-HJ-NP-Z]{8}$/);
		expect(await residentStatus(db(), t.token, ref)).toMatchObject({ state: 'received', kind: 'medicine' });
		// Nothing reached the events: volunteers receive nothing until the lead decides.
		expect(Number((await db().get<{ n: number }>("SELECT COUNT(*) AS n FROM events WHERE type LIKE 'need%'"))?.n)).toBe(
			0
		);
		const { items } = await triageList(db(), t.lead);
		expect(items).toHaveLength(1);
		const item = items[0];
		expect(item).toMatchObject({
			ref,
			kind: 'medicine',
			text: '降压药一盒',
			place: { building: '1', unit: room.unit, room: room.room }
		});
		expect(await failure(triageList(db(), t.volunteer))).toMatch(/^403/);
		expect(await failure(decideTriage(db(), t.volunteer, item.id, 'accept'))).toMatch(/^403/);

		expect(await decideTriage(db(), t.lead, item.id, 'accept')).toEqual({ id: item.id, status: 'accepted' });
		expect(await failure(decideTriage(db(), t.lead, item.id, 'reject'))).toMatch(/^409 .*already accepted/);
		expect((await triageList(db(), t.lead)).items).toEqual([]);
		expect((await residentStatus(db(), t.token, ref)).state).toBe('accepted');
		// The lead's device records it as a request with the triage id, then dispatches it.
		const N = { needId: item.id, householdId: item.householdId };
		const pushed = await pushEvents(
			db(),
			t.lead,
			[
				created(who(t.lead), N, { channel: 'resident_qr', place: item.place } as Partial<NeedEvent>),
				needEvent('need_dispatched', who(t.lead), N, {
					to: { deviceId: t.volunteer.deviceId, name: t.volunteer.volunteer }
				})
			],
			0
		);
		expect(pushed.map((r) => r.status)).toEqual(['accepted', 'accepted']);
		expect((await residentStatus(db(), t.token, ref)).state).toBe('assigned');
		const status = JSON.stringify(await residentStatus(db(), t.token, ref));
		expect(status).not.toContain(t.volunteer.volunteer);
	});

	it('spam is rejected and says so; a wrong room, reference or building is refused and changes nothing', async () => {
		const t = await open();
		const b = await openBuilding(db(), t.token);
		const room = (await residentPage(db(), t.token)).rooms[0];
		const ref = await residentAsk(db(), b, { unit: room.unit, room: room.room, kind: 'other', text: '广告' });
		const [item] = (await triageList(db(), t.lead)).items;
		await decideTriage(db(), t.lead, item.id, 'reject');
		expect((await residentStatus(db(), t.token, ref)).state).toBe('rejected');
		expect(await failure(residentAsk(db(), b, { unit: room.unit, room: '9999', kind: 'other', text: 'x' }))).toMatch(
			/^400 room:/
		);
		expect(await failure(residentStatus(db(), t.token, 'ZZZZ2222'))).toMatch(/^404 ref:/);
		const other = t.settings.buildings.find((x) => x.token !== t.token);
		if (other) expect(await failure(residentStatus(db(), other.token, ref))).toMatch(/^404 ref:/);
		expect(Number((await db().get<{ n: number }>('SELECT COUNT(*) AS n FROM resident_requests'))?.n)).toBe(1);
	});

	it("a team's token, its triage and its decisions are its own", async () => {
		const t = await open();
		await secondTeam(db());
		const leadB = await device(db(), TEAM_B.leadCode, '乙队长');
		const b = await openBuilding(db(), t.token);
		const room = (await residentPage(db(), t.token)).rooms[0];
		await residentAsk(db(), b, { unit: room.unit, room: room.room, kind: 'repair', text: '水管坏了' });
		expect((await triageList(db(), leadB)).items).toEqual([]);
		const [item] = (await triageList(db(), t.lead)).items;
		expect(await failure(decideTriage(db(), leadB, item.id, 'accept'))).toMatch(/^404/);
		const bSettings = await switchResidentPage(db(), leadB, true);
		expect(bSettings.buildings).toHaveLength(1);
		expect(bSettings.buildings[0].token).not.toBe(t.token);
		// Team B's token shows team B's one room, not demo's building 1.
		expect((await residentPage(db(), bSettings.buildings[0].token)).rooms).toEqual([
			{ unit: '1', floor: 1, room: '101' }
		]);
	});
});
