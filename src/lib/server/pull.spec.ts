import { describe, expect, it } from 'vitest';
import type { PullResponse } from '$lib/domain/api';
import type { DeviceAuth } from './auth';
import type { Db } from './db';
import { demoHouseholds } from './demo';
import { pull } from './pull';
import { pushEvents } from './push';
import { deliveryRequest, demoTeam, pulled, visit } from './testing/fixtures';
import { STORES, freshStore } from './testing/stores';

const LISTS = ['households', 'rounds', 'orders', 'assignments', 'events'] as const;

/** Pulls page after page until the server says there is no more, as the client's sync loop does. */
async function drain(db: Db, auth: DeviceAuth, limit: number, from = 0) {
	const pages: PullResponse[] = [];
	let cursor = from;
	for (let i = 0; i < 10_000; i++) {
		const page = await pull(db, auth, cursor, limit);
		pages.push(page);
		expect(page.cursor).toBeGreaterThanOrEqual(cursor);
		cursor = page.cursor;
		if (!page.more) break;
	}
	const all = Object.fromEntries(LISTS.map((k) => [k, pages.flatMap((p) => p[k] as unknown[])]));
	return { pages, cursor, all: all as { [K in (typeof LISTS)[number]]: PullResponse[K] } };
}

describe.each(STORES)('pull on $name', (kind) => {
	const db = freshStore(kind);

	it('returns the seeded team to a new device in one page', async () => {
		const t = await demoTeam(db());
		const page = await pull(db(), t.lead, 0, 2000);
		expect(page.more).toBe(false);
		expect(page.households).toHaveLength(demoHouseholds().length);
		expect(page.rounds).toEqual([{ id: t.roundId, date: '2026-11-23', kind: 'sampling', active: true }]);
		expect(page.orders).toHaveLength(5);
		const again = await pull(db(), t.lead, page.cursor, 2000);
		expect(LISTS.map((k) => again[k].length)).toEqual([0, 0, 0, 0, 0]);
		expect(again.cursor).toBe(page.cursor);
	});

	it('returns the order a delivery request created, with its event', async () => {
		const t = await demoTeam(db());
		const start = (await pull(db(), t.lead, 0, 2000)).cursor;
		const request = deliveryRequest(t.volunteer, 'demo-3-2-602');
		await pushEvents(db(), t.volunteer, [request], 1);
		const page = await pull(db(), t.lead, start, 2000);
		expect(page.orders).toEqual([request.order]);
		expect(page.events).toEqual([pulled(request, t.volunteer)]);
	});

	it('never splits an order from its event across pages', async () => {
		const t = await demoTeam(db());
		const start = (await pull(db(), t.lead, 0, 2000)).cursor;
		const request = deliveryRequest(t.volunteer, 'demo-3-2-602');
		await pushEvents(db(), t.volunteer, [request], 1);
		const { all } = await drain(db(), t.lead, 1, start);
		expect(all.orders).toEqual([request.order]);
		expect(all.events).toEqual([pulled(request, t.volunteer)]);
	});

	it('pages through every change exactly once, in order, ending with more = false', async () => {
		const t = await demoTeam(db());
		const events = [
			...Array.from({ length: 9 }, (_, i) =>
				visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: `demo-2-2-${(i % 6) + 1}02` })
			),
			deliveryRequest(t.volunteer, 'demo-1-2-101')
		];
		await pushEvents(db(), t.volunteer, events, 0);
		const whole = await pull(db(), t.lead, 0, 2000);
		expect(whole.more).toBe(false);
		for (const limit of [1, 7, 50]) {
			const { pages, all, cursor } = await drain(db(), t.lead, limit);
			expect(all).toEqual(Object.fromEntries(LISTS.map((k) => [k, whole[k]])));
			expect(all.events).toEqual(events.map((e) => pulled(e, t.volunteer)));
			expect(pages.at(-1)?.more).toBe(false);
			expect(cursor).toBe(whole.cursor);
			const sizes = pages.map((p) => LISTS.reduce((n, k) => n + p[k].length, 0));
			expect(Math.max(...sizes)).toBeLessThanOrEqual(limit + 1);
		}
	});

	it('never skips a commit while pushes from several devices race the pulls', async () => {
		const t = await demoTeam(db());
		let { cursor } = await drain(db(), t.lead, 2000);
		const seen: string[] = [];
		const see = (page: PullResponse) => {
			seen.push(...page.events.map((e) => e.id), ...page.orders.map((o) => o.id));
			cursor = page.cursor;
		};
		let pushing = true;
		const puller = (async () => {
			while (pushing) {
				see(await pull(db(), t.lead, cursor, 3));
			}
		})();
		const devices = [t.volunteer, t.lead];
		const batches = Array.from({ length: 16 }, (_, i) => {
			const who = devices[i % 2];
			return [
				...Array.from({ length: 3 }, (_, j) =>
					visit({ deviceId: who.deviceId, roundId: t.roundId, householdId: `demo-${(i % 3) + 1}-1-${j + 1}01` })
				),
				// A delivery request writes two tables under one cursor value: the case a torn read skips.
				deliveryRequest(who, `demo-${(i % 3) + 1}-2-101`)
			];
		});
		await Promise.all(batches.map((b, i) => pushEvents(db(), devices[i % 2], b, 0)));
		pushing = false;
		await puller;
		(await drain(db(), t.lead, 3, cursor)).pages.forEach(see);
		const written = batches.flat().flatMap((e) => (e.type === 'delivery_request' ? [e.id, e.order.id] : [e.id]));
		expect([...seen].sort()).toEqual([...written].sort());
	});
});
