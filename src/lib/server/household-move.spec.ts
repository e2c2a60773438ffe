import { describe, expect, it } from 'vitest';
import type { DeviceAuth } from './auth';
import { assign } from './assignments';
import type { Db } from './db';
import { pull } from './pull';
import { importRoster } from './roster';
import { demoTeam, device, DEMO } from './testing/fixtures';
import { STORES, freshStore } from './testing/stores';

/** Pulls to the end from `cursor`, as the client does; a resync answer is returned as it is. */
async function drain(db: Db, auth: DeviceAuth, cursor = 0, scope = 0) {
	const households = new Map<string, number>();
	for (;;) {
		const page = await pull(db, auth, cursor, 2000, scope);
		if (page.resync) return { resync: page.resync, cursor, scope: page.scope, households };
		for (const h of page.households) households.set(h.id, h.floor);
		cursor = page.cursor;
		scope = page.scope;
		if (!page.more) return { resync: undefined, cursor, scope, households };
	}
}

/** The roster row of a demo household as the lead's file would have it, on `floor`. */
async function rosterRow(db: Db, id: string, floor: number): Promise<Record<string, unknown>> {
	const h = await db.get<{
		building: string;
		unit: string;
		room: string;
		head: string;
		phone: string;
		residents: number;
		tags: string;
		note: string;
	}>('SELECT building, unit, room, head, phone, residents, tags, note FROM households WHERE id = ?', [id]);
	if (!h) throw new Error(`no household ${id}`);
	return { ...h, floor, residents: Number(h.residents), tags: JSON.parse(h.tags) as string[] };
}

describe.each(STORES)('a roster import that moves a household on $name', (kind) => {
	const db = freshStore(kind);

	it('reaches the device assigned the old floor (it resyncs and drops it) and the one assigned the new floor', async () => {
		const { lead } = await demoTeam(db());
		const five = await device(db(), DEMO.volunteerCode, '五楼');
		const six = await device(db(), DEMO.volunteerCode, '六楼');
		const unit = await device(db(), DEMO.volunteerCode, '一单元');
		const other = await device(db(), DEMO.volunteerCode, '二号楼');
		await assign(db(), lead, { deviceId: five.deviceId, building: '1', unit: '1', floor: 5 });
		await assign(db(), lead, { deviceId: six.deviceId, building: '1', unit: '1', floor: 6 });
		await assign(db(), lead, { deviceId: unit.deviceId, building: '1', unit: '1', floor: null });
		await assign(db(), lead, { deviceId: other.deviceId, building: '2', unit: null, floor: null });
		const copies = new Map<DeviceAuth, Awaited<ReturnType<typeof drain>>>();
		for (const d of [five, six, unit, other, lead]) copies.set(d, await drain(db(), d));
		expect(copies.get(five)?.households.get('demo-1-1-501')).toBe(5);

		// The roster had 501 on the wrong floor: the lead re-imports it on floor 6.
		const outcome = await importRoster(db(), lead, { households: [await rosterRow(db(), 'demo-1-1-501', 6)] });
		expect(outcome).toMatchObject({ ok: true, result: { updated: 1 } });

		const next = (d: DeviceAuth) => drain(db(), d, copies.get(d)?.cursor, copies.get(d)?.scope);
		// Floor 5's device cannot be sent "it left" as a row of its area: it is told to resync,
		// and its fresh copy no longer holds the household.
		const fiveNext = await next(five);
		expect(fiveNext.resync).toBe('scope-changed');
		const fiveFresh = await drain(db(), five, 0, fiveNext.scope);
		expect(fiveFresh.resync).toBeUndefined();
		expect(fiveFresh.households.has('demo-1-1-501')).toBe(false);
		expect(fiveFresh.households.size).toBe(1);
		// Floor 6's device gets it as a new row; the unit's device resyncs and has it on floor 6.
		expect((await next(six)).households.get('demo-1-1-501')).toBe(6);
		const unitNext = await next(unit);
		expect(unitNext.resync).toBe('scope-changed');
		expect((await drain(db(), unit, 0, unitNext.scope)).households.get('demo-1-1-501')).toBe(6);
		// Devices whose area never held it carry on; the lead gets the update.
		expect((await next(other)).resync).toBeUndefined();
		expect((await next(lead)).households.get('demo-1-1-501')).toBe(6);
		// Once resynced, floor 5's device carries on without another resync.
		expect((await drain(db(), five, fiveFresh.cursor, fiveFresh.scope)).resync).toBeUndefined();
	});

	it('changes no scope for an update that keeps the household where it was', async () => {
		const { lead } = await demoTeam(db());
		const five = await device(db(), DEMO.volunteerCode, '五楼');
		await assign(db(), lead, { deviceId: five.deviceId, building: '1', unit: '1', floor: 5 });
		const copy = await drain(db(), five);
		const row = { ...(await rosterRow(db(), 'demo-1-1-501', 5)), note: '改了备注' };
		expect(await importRoster(db(), lead, { households: [row] })).toMatchObject({ ok: true, result: { updated: 1 } });
		const next = await drain(db(), five, copy.cursor, copy.scope);
		expect(next.resync).toBeUndefined();
		expect(next.households.get('demo-1-1-501')).toBe(5);
	});
});
