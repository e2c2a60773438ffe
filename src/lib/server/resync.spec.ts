import { describe, expect, it } from 'vitest';
import type { PullResponse } from '$lib/domain/api';
import { assign, unassign } from './assignments';
import type { DeviceAuth } from './auth';
import type { Db } from './db';
import { pull } from './pull';
import { pushEvents } from './push';
import { deliveryRequest, demoTeam, visit } from './testing/fixtures';
import { STORES, freshStore } from './testing/stores';

/** Pulls to the end as the client does, sending back the scope each page answers with. */
async function drain(db: Db, auth: DeviceAuth, from = 0, scope = 0, limit = 2000) {
	const pages: PullResponse[] = [];
	let cursor = from;
	for (let i = 0; i < 1000; i++) {
		const page = await pull(db, auth, cursor, limit, scope);
		pages.push(page);
		if (page.resync)
			return { pages, cursor, scope: page.scope, resync: page.resync, households: [], orders: [], events: [] };
		cursor = page.cursor;
		scope = page.scope;
		if (!page.more) break;
	}
	return {
		pages,
		cursor,
		scope,
		resync: undefined,
		households: pages.flatMap((p) => p.households.map((h) => h.id)),
		orders: pages.flatMap((p) => p.orders.map((o) => o.id)),
		events: pages.flatMap((p) => p.events.map((e) => e.id))
	};
}

const buildings = (ids: string[] = []) => new Set(ids.map((id) => id.split('-')[1]));

describe.each(STORES)('scope changes and resync on $name', (kind) => {
	const db = freshStore(kind);

	it('makes a device rebuild its copy when the lead gives it another building', async () => {
		const t = await demoTeam(db());
		const a1 = await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '1', unit: null });
		// Written before the device's cursor, in a building it cannot see yet.
		const oldVisit = visit({ deviceId: t.lead.deviceId, roundId: t.roundId, householdId: 'demo-2-1-101' });
		const oldOrder = deliveryRequest(t.lead, 'demo-2-2-201');
		await pushEvents(db(), t.lead, [oldVisit, oldOrder], 0);

		const first = await drain(db(), t.volunteer);
		expect(buildings(first.households)).toEqual(new Set(['1']));
		expect(first.events).toEqual([]);

		await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '2', unit: null });
		await unassign(db(), t.lead, a1.assignment.id);
		const next = await pull(db(), t.volunteer, first.cursor, 2000, first.scope);
		expect(next).toMatchObject({ resync: 'scope-changed', cursor: 0, more: true, households: [], events: [] });
		expect(next.scope).toBeGreaterThan(first.scope);

		const fresh = await drain(db(), t.volunteer);
		expect(buildings(fresh.households)).toEqual(new Set(['2']));
		expect(fresh.events.sort()).toEqual([oldVisit.id, oldOrder.id].sort());
		expect(fresh.orders).toContain(oldOrder.order.id);
		const assignments = fresh.pages.flatMap((p) => p.assignments);
		expect(assignments.map((a) => a.building)).toEqual(['2']);
		// Once rebuilt, the device continues normally.
		expect((await pull(db(), t.volunteer, fresh.cursor, 2000, fresh.scope)).resync).toBeUndefined();
	});

	it('widens a device to the whole team when its last assignment is removed', async () => {
		const t = await demoTeam(db());
		const a = await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '3', unit: '2' });
		const first = await drain(db(), t.volunteer);
		expect(new Set(first.households.map((h) => h.split('-').slice(1, 3).join('-')))).toEqual(new Set(['3-2']));
		await unassign(db(), t.lead, a.assignment.id);
		expect((await pull(db(), t.volunteer, first.cursor, 2000, first.scope)).resync).toBe('scope-changed');
		expect(buildings((await drain(db(), t.volunteer)).households)).toEqual(new Set(['1', '2', '3']));
	});

	it('does not loop: paging a full pull under one scope never asks for a resync', async () => {
		const t = await demoTeam(db());
		await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '2', unit: null });
		await pushEvents(
			db(),
			t.lead,
			[visit({ deviceId: t.lead.deviceId, roundId: t.roundId, householdId: 'demo-2-1-101' })],
			0
		);
		// The assignment's seq is beyond the households': a cursor-only rule would loop here.
		const paged = await drain(db(), t.volunteer, 0, 0, 7);
		expect(paged.resync).toBeUndefined();
		expect(paged.pages.length).toBeGreaterThan(3);
		expect(buildings(paged.households)).toEqual(new Set(['2']));
	});

	it('asks for a resync when the scope changes in the middle of paging', async () => {
		const t = await demoTeam(db());
		await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '2', unit: null });
		const page = await pull(db(), t.volunteer, 0, 5, 0);
		expect(page.more).toBe(true);
		await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '3', unit: null });
		expect((await pull(db(), t.volunteer, page.cursor, 5, page.scope)).resync).toBe('scope-changed');
	});

	it('never sends a lead a scope change: it sees the team whatever is assigned', async () => {
		const t = await demoTeam(db());
		const first = await drain(db(), t.lead);
		expect(first.scope).toBe(0);
		await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '2', unit: null });
		const next = await pull(db(), t.lead, first.cursor, 2000, first.scope);
		expect(next.resync).toBeUndefined();
	});

	it('answers a cursor beyond the store, or below the horizon, with a full resync', async () => {
		const t = await demoTeam(db());
		const { cursor } = await drain(db(), t.lead);
		expect((await pull(db(), t.lead, cursor, 2000)).resync).toBeUndefined();
		// Above the counter, not merely above the last row pulled: a settings change takes a value too.
		const top = Number((await db().get<{ value: number }>("SELECT value FROM counters WHERE name = 'seq'"))?.value);
		expect(top).toBeGreaterThanOrEqual(cursor);
		expect((await pull(db(), t.lead, top, 2000)).resync).toBeUndefined();
		expect((await pull(db(), t.lead, top + 1, 2000)).resync).toBe('cursor-ahead');
		expect((await pull(db(), t.volunteer, Number.MAX_SAFE_INTEGER, 2000)).resync).toBe('cursor-ahead');
		await db().run("UPDATE counters SET value = 10 WHERE name = 'horizon'");
		expect((await pull(db(), t.lead, 9, 2000)).resync).toBe('cursor-expired');
		expect((await pull(db(), t.lead, 10, 2000)).resync).toBeUndefined();
		// A full pull is always served.
		expect((await pull(db(), t.lead, 0, 2000)).resync).toBeUndefined();
	});

	it('accepts an unsent event for a household that left the device, but not for another team', async () => {
		const t = await demoTeam(db());
		const a = await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '1', unit: null });
		const recordedBefore = visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' });
		await unassign(db(), t.lead, a.assignment.id);
		await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '2', unit: null });
		const [result] = await pushEvents(db(), t.volunteer, [recordedBefore], 1);
		expect(result).toEqual({ id: recordedBefore.id, status: 'accepted' });
		// The lead sees it; the volunteer, now on building 2, does not get it back.
		expect((await drain(db(), t.lead)).events).toContain(recordedBefore.id);
		expect((await drain(db(), t.volunteer)).events).not.toContain(recordedBefore.id);
	});
});
