import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pullResponseSchema, pushResponseSchema, type PullResponse, type PushResult } from '$lib/domain/api';
import { coverageOf } from '$lib/domain/coverage';
import {
	EVENT_SCHEMA_VERSION,
	eventSchema,
	VISIT_OUTCOMES,
	type DeliveryOrder,
	type FieldEvent,
	type Household,
	type VisitOutcome
} from '$lib/domain/schemas';
import { foldAll, foldDelivery } from '$lib/domain/status';
import { authenticate, enrol, type DeviceAuth } from '$lib/server/auth';
import { migrate } from '$lib/server/db/migrate';
import { SqliteDb } from '$lib/server/db/sqlite';
import { pull } from '$lib/server/pull';
import { pushEvents } from '$lib/server/push';
import { DEMO, seedDemo } from '$lib/server/testing/fixtures';
import { storedEvent, type EventRow } from '$lib/server/event-row';
import { careActionArb, careLedger, runCareAction, type CareAction } from './care-arbitraries';
import { CLAIM_RACE, needActionArb, needsOf, runNeedAction, type NeedAction } from './needs-arbitraries';
import * as kinds from './round-kinds-arbitraries';

/**
 * Convergence: 2–4 devices of one team record, push, pull, retry and lose answers in random
 * interleavings against the REAL server store (SQLite in memory: migrate, seedDemo, enrol,
 * pushEvents, pull). After one final full sync of every device, each device and the server
 * fold their event sets (foldAll, coverageOf, foldDelivery) to the same answer, the server
 * holds every event id once, and no event recorded on a device is lost.
 *
 * Devices 1 and 2 have wrong clocks (CLOCK_SKEW_DAYS).
 *
 * Not covered: assignments (every device sees the whole team) and so the scope-change resync.
 *
 * The devices are plain in-memory models that follow the client's rules in
 * src/lib/client/sync.ts (an outbox row goes only on the server's answer about that id; a
 * refused event is moved aside; a pulled page and its cursor apply together, and every page
 * is parsed), so thousands of runs stay fast. Every answer crosses a JSON round trip, as it
 * would over HTTP.
 *
 * `npm test` runs a few; `npm run bench:convergence` sets NUM_RUNS (at least 10,000).
 */

const NUM_RUNS = Number(process.env.NUM_RUNS ?? 100);
/** The households the devices record on: few, so devices keep disagreeing about the same door. */
const HOT = ['demo-1-1-101', 'demo-1-1-102', 'demo-1-2-101', 'demo-2-1-601'];
const INVALID = 'no-such-household';
const TIMES = ['08:00', '08:00', '08:01', '08:02', '08:03', '08:05'];
/**
 * Wrong clocks: device 1's runs two years ahead of the server (its times are later than when
 * the server received them), device 2's a year behind. The fold caps a time at its receipt.
 */
const CLOCK_SKEW_DAYS = [0, 730, -365, 0];

type Fault = 'none' | 'lost-answer' | 'offline';
type Action =
	| {
			kind: 'record';
			dev: number;
			hh: number;
			invalid: boolean;
			outcome: VisitOutcome;
			sampled: number;
			residents: number;
			time: number;
			fix: 'none' | 'replace' | 'void';
			pick: number;
	  }
	| { kind: 'request'; dev: number; hh: number; time: number }
	| { kind: 'deliver'; dev: number; order: number; delivered: boolean; time: number }
	| { kind: 'push'; dev: number; size: number; fault: Fault }
	| { kind: 'repush'; dev: number; size: number }
	| { kind: 'pull'; dev: number; limit: number; pages: number; losePage: number | null }
	| { kind: 'together'; pusher: number; puller: number; size: number; limit: number }
	| CareAction
	| NeedAction
	| kinds.RoundKindAction;

const dev = fc.nat({ max: 3 });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
	{
		weight: 5,
		arbitrary: fc.record({
			kind: fc.constant('record' as const),
			dev,
			hh: fc.nat({ max: HOT.length - 1 }),
			invalid: fc.boolean().chain((b) => (b ? fc.nat({ max: 9 }).map((n) => n === 0) : fc.constant(false))),
			outcome: fc.constantFrom(...VISIT_OUTCOMES),
			sampled: fc.nat({ max: 3 }),
			residents: fc.nat({ max: 3 }),
			time: fc.nat({ max: TIMES.length - 1 }),
			fix: fc.constantFrom('none' as const, 'none' as const, 'replace' as const, 'void' as const),
			pick: fc.nat({ max: 50 })
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('request' as const),
			dev,
			hh: fc.nat({ max: HOT.length - 1 }),
			time: fc.nat({ max: TIMES.length - 1 })
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('deliver' as const),
			dev,
			order: fc.nat({ max: 4 }),
			delivered: fc.boolean(),
			time: fc.nat({ max: TIMES.length - 1 })
		})
	},
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('push' as const),
			dev,
			size: fc.integer({ min: 1, max: 6 }),
			fault: fc.constantFrom<Fault>('none', 'none', 'lost-answer', 'offline')
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({ kind: fc.constant('repush' as const), dev, size: fc.integer({ min: 1, max: 6 }) })
	},
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('pull' as const),
			dev,
			limit: fc.integer({ min: 1, max: 8 }),
			pages: fc.integer({ min: 1, max: 4 }),
			losePage: fc.option(fc.nat({ max: 3 }), { freq: 3 })
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('together' as const),
			pusher: dev,
			puller: dev,
			size: fc.integer({ min: 1, max: 6 }),
			limit: fc.integer({ min: 1, max: 8 })
		})
	},
	{ weight: 2, arbitrary: careActionArb(HOT.length) },
	{ weight: 8, arbitrary: needActionArb },
	{ weight: 5, arbitrary: kinds.roundKindArb }
);

/** What a device holds: its IndexedDB tables, as plain maps. */
interface Device {
	auth: DeviceAuth;
	households: Map<string, Household>;
	orders: Map<string, DeliveryOrder>;
	roundId: string | null;
	events: Map<string, FieldEvent>;
	/** Event ids waiting for the server's answer, oldest first. */
	outbox: string[];
	rejected: Map<string, string>;
	/** Ids the server acknowledged (accepted or already had). */
	acked: Set<string>;
	cursor: number;
	/** The scope version the last page answered with, sent back with the next pull. */
	scope: number;
	/** Every event this device recorded, kept by the test only, to prove none was lost. */
	recorded: Map<string, FieldEvent>;
	invalid: Set<string>;
	made: number;
}

const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

class World {
	devices: Device[] = [];
	quarantined = 0;
	constructor(readonly server: SqliteDb) {}

	async addDevice(i: number): Promise<void> {
		const code = i === 0 ? DEMO.leadCode : DEMO.volunteerCode;
		const e = await enrol(this.server, code, `志愿者${i}`);
		if (!e) throw new Error('enrol failed');
		const auth = await authenticate(this.server, `Bearer ${e.token}`);
		const d: Device = {
			auth,
			households: new Map(),
			orders: new Map(),
			roundId: null,
			events: new Map(),
			outbox: [],
			rejected: new Map(),
			acked: new Set(),
			cursor: 0,
			scope: 0,
			recorded: new Map(),
			invalid: new Set(),
			made: 0
		};
		this.devices.push(d);
		// Enrolment ends with a first full pull, as the client's enrol screen does.
		await this.pullPages(d, 2000, Infinity, null);
	}

	#record(d: Device, fields: Record<string, unknown>, time: number): FieldEvent {
		d.made++;
		const event = eventSchema.parse({
			...fields,
			id: `${d.auth.deviceId}-${String(d.made).padStart(5, '0')}`,
			v: EVENT_SCHEMA_VERSION,
			deviceId: d.auth.deviceId,
			volunteer: d.auth.volunteer,
			at: new Date(
				Date.parse(`2026-11-23T${TIMES[time]}:00.000Z`) + CLOCK_SKEW_DAYS[this.devices.indexOf(d)] * 86_400_000
			).toISOString()
		});
		d.events.set(event.id, event);
		d.outbox.push(event.id);
		d.recorded.set(event.id, event);
		return event;
	}

	record(a: Extract<Action, { kind: 'record' }>): void {
		const d = this.devices[a.dev % this.devices.length];
		if (!d.roundId) return;
		// A volunteer corrects or undoes only its own records (the server refuses the rest);
		// the lead, device 0, may void or correct anyone's.
		const lead = this.devices.indexOf(d) === 0;
		const known = [...d.events.values()].filter((e) => e.type === 'visit' && (lead || e.deviceId === d.auth.deviceId));
		const target = a.fix !== 'none' && known.length ? known[a.pick % known.length] : null;
		// A correction of a refused, still unanswered event is refused too.
		const householdId = a.invalid ? INVALID : target?.type === 'visit' ? target.householdId : HOT[a.hh];
		if (target && a.fix === 'void') {
			const e = this.#record(d, { type: 'void', householdId, voids: [target.id] }, a.time);
			if (householdId === INVALID) d.invalid.add(e.id);
			return;
		}
		const residents = Math.max(a.residents, a.sampled);
		const e = this.#record(
			d,
			{
				type: 'visit',
				householdId,
				roundId: d.roundId,
				outcome: a.outcome,
				sampled: a.outcome === 'sampled' ? a.sampled : 0,
				residents,
				tube: a.outcome === 'sampled' ? `T${d.made}` : '',
				note: '',
				replaces: target ? [target.id] : []
			},
			a.time
		);
		if (householdId === INVALID) d.invalid.add(e.id);
	}

	/** A delivery request made at the door: its order and its event share one cursor value. */
	request(a: Extract<Action, { kind: 'request' }>): void {
		const d = this.devices[a.dev % this.devices.length];
		const order: DeliveryOrder = {
			id: `order-${d.auth.deviceId}-${d.made}`,
			householdId: HOT[a.hh],
			items: ['桶装水 ×2'],
			urgency: 'normal',
			note: '',
			purchase: false
		};
		this.#record(d, { type: 'delivery_request', order }, a.time);
		d.orders.set(order.id, order);
	}

	deliver(a: Extract<Action, { kind: 'deliver' }>): void {
		const d = this.devices[a.dev % this.devices.length];
		const orders = [...d.orders.keys()].sort();
		if (!orders.length) return;
		this.#record(
			d,
			{
				type: 'delivery_outcome',
				orderId: orders[a.order % orders.length],
				outcome: a.delivered ? 'delivered' : 'failed',
				reason: a.delivered ? undefined : 'nobody_home',
				collectedFen: 0,
				note: ''
			},
			a.time
		);
	}

	/** One push of the oldest outbox rows; the answer may be lost after the server applied it. */
	async push(d: Device, size: number, fault: Fault): Promise<void> {
		if (fault === 'offline' || !d.outbox.length) return;
		const ids = d.outbox.slice(0, size);
		const events = ids.map((id) => d.events.get(id) ?? d.recorded.get(id));
		const results = await pushEvents(this.server, d.auth, wire(events) as unknown[], d.outbox.length);
		this.quarantined += results.filter((r) => r.status === 'rejected').length;
		if (fault === 'lost-answer') return;
		this.#applyAnswer(d, ids, pushResponseSchema.parse(wire({ results })).results);
	}

	#applyAnswer(d: Device, ids: string[], results: PushResult[]): void {
		// Every event sent gets exactly one answer about it.
		expect(results.map((r) => r.id)).toEqual(ids);
		const sent = new Set(ids);
		for (const r of results) {
			if (!sent.has(r.id)) continue;
			expect(r.status === 'rejected').toBe(d.invalid.has(r.id));
			if (r.status === 'rejected') {
				d.rejected.set(r.id, r.reason ?? 'refused');
				d.events.delete(r.id);
			} else d.acked.add(r.id);
			d.outbox = d.outbox.filter((id) => id !== r.id);
		}
	}

	/** A retry of events the server already acknowledged (two tabs, or a retry racing an answer). */
	async repush(d: Device, size: number): Promise<void> {
		const ids = [...d.acked].slice(-size);
		if (!ids.length) return;
		const events = ids.map((id) => d.recorded.get(id));
		const results = await pushEvents(this.server, d.auth, wire(events) as unknown[], d.outbox.length);
		expect(results).toEqual(ids.map((id) => ({ id, status: 'duplicate' })));
	}

	/** Pulls up to `pages` pages; page `losePage` is computed by the server but never arrives. */
	async pullPages(d: Device, limit: number, pages: number, losePage: number | null): Promise<void> {
		for (let p = 0; p < pages; p++) {
			const answer: PullResponse = await pull(this.server, d.auth, d.cursor, limit, d.scope, kinds.ROUND_KINDS_PULL);
			if (p === losePage) return;
			const page = pullResponseSchema.parse(wire(answer));
			// Nobody's buildings change here, so the server never has a reason to ask for a resync.
			expect(page.resync).toBeUndefined();
			d.scope = page.scope;
			expect(page.cursor).toBeGreaterThanOrEqual(d.cursor);
			for (const h of page.households) d.households.set(h.id, h);
			for (const o of page.orders) d.orders.set(o.id, o);
			for (const r of page.rounds) if (r.active && r.kind === 'sampling') d.roundId = r.id;
			for (const e of page.events) {
				// The server hands back what was sent, named for the enrolled device and stamped
				// when received; like the client, the device keeps the server's copy.
				const mine = d.events.get(e.id);
				expect(e.receivedAt).toEqual(expect.any(String));
				if (mine)
					expect({ ...e, receivedAt: undefined }).toEqual({ ...mine, receivedAt: undefined, volunteer: e.volunteer });
				d.events.set(e.id, e);
			}
			for (const id of page.removedHouseholds) d.households.delete(id);
			d.cursor = page.cursor;
			if (!page.more) return;
		}
	}

	async run(a: Action): Promise<void> {
		const at = (i: number) => this.devices[i % this.devices.length];
		switch (a.kind) {
			case 'record':
				return this.record(a);
			case 'care':
				return runCareAction(a, this.devices, HOT, (d, f, t) => this.#record(d as Device, f, t));
			case 'request':
				return this.request(a);
			case 'deliver':
				return this.deliver(a);
			case 'push':
				return this.push(at(a.dev), a.size, a.fault);
			case 'repush':
				return this.repush(at(a.dev), a.size);
			case 'pull':
				return this.pullPages(at(a.dev), a.limit, a.pages, a.losePage);
			case 'round-kind': {
				const d = at(a.dev);
				const rec = { deviceId: d.auth.deviceId, lead: this.devices.indexOf(d) === 0, events: d.events.values() };
				return kinds.recordRoundKind({ ...rec, record: (f, time) => void this.#record(d, f, time) }, a);
			}
			case 'together':
				// Two requests in flight at once: the store's queue must keep the cursor honest.
				await Promise.all([this.push(at(a.pusher), a.size, 'none'), this.pullPages(at(a.puller), a.limit, 3, null)]);
				return;
			case 'need': {
				const d = runNeedAction(this.devices, HOT, a, (d, f, t) => this.#record(d as Device, f, t));
				if (d && a.sync) await this.push(d, 500, 'none').then(() => this.pullPages(d, 2000, Infinity, null));
				return;
			}
		}
	}

	async finalSync(): Promise<void> {
		for (const d of this.devices) {
			for (let guard = 0; d.outbox.length && guard < 1000; guard++) await this.push(d, 500, 'none');
			expect(d.outbox).toEqual([]);
		}
		for (const d of this.devices) await this.pullPages(d, 2000, Infinity, null);
	}
}

interface Derived {
	statuses: ReturnType<typeof foldAll>;
	coverage: ReturnType<typeof coverageOf>;
	deliveries: ReturnType<typeof foldDelivery>[];
	care: ReturnType<typeof careLedger>;
	needs: ReturnType<typeof needsOf>;
}

function derive(households: Household[], orders: string[], events: FieldEvent[], roundId: string): Derived {
	const sorted = [...households].sort((a, b) => (a.id < b.id ? -1 : 1));
	const statuses = foldAll(sorted, events, roundId);
	return {
		statuses,
		coverage: coverageOf(sorted, statuses),
		deliveries: [...orders].sort().map((o) => foldDelivery(o, events)),
		care: careLedger(events),
		needs: needsOf(events)
	};
}

async function serverView(server: SqliteDb) {
	const households = await server.all<Household & { tags: string }>(
		'SELECT id, building, unit, floor, room, head, phone, residents, tags, note FROM households'
	);
	const rows = await server.all<EventRow & { id: string }>('SELECT id, body, volunteer, received_at FROM events');
	const round = await server.get<{ id: string }>("SELECT id FROM rounds WHERE active = 1 AND kind = 'sampling'");
	const orders = await server.all<{ id: string }>('SELECT id FROM orders');
	return {
		households: households.map((h) => ({ ...h, tags: JSON.parse(h.tags) as string[] })),
		ids: rows.map((r) => r.id),
		events: rows.map(storedEvent),
		roundId: round!.id,
		orders: orders.map((o) => o.id)
	};
}

async function scenario(deviceCount: number, actions: Action[]): Promise<void> {
	const server = new SqliteDb(':memory:');
	try {
		await migrate(server);
		await seedDemo(server);
		await kinds.setUpRoundKinds(server);
		const world = new World(server);
		for (let i = 0; i < deviceCount; i++) await world.addDevice(i);
		for (const a of actions) await world.run(a);
		await world.finalSync();

		const s = await serverView(server);
		// Each event id is held once.
		expect(new Set(s.ids).size).toBe(s.ids.length);
		// None lost: every event a device recorded is on the server, unless the server refused it
		// (only the deliberately invalid ones), and the server holds nothing nobody recorded.
		const expected = new Set<string>();
		for (const d of world.devices) {
			for (const id of d.recorded.keys()) {
				if (d.invalid.has(id)) expect(d.rejected.has(id)).toBe(true);
				else expected.add(id);
			}
		}
		expect(new Set(s.ids)).toEqual(expected);
		const quarantine = await server.get<{ n: number }>('SELECT COUNT(*) AS n FROM quarantine');
		expect(quarantine!.n).toBe(world.quarantined);

		const truth = derive(s.households, s.orders, s.events, s.roundId);
		// The fold depends on the set only: the server's events in reverse give the same answer.
		expect(derive(s.households, s.orders, [...s.events].reverse(), s.roundId)).toEqual(truth);
		for (const d of world.devices) {
			expect(new Set(d.events.keys())).toEqual(expected);
			expect(d.roundId).toBe(s.roundId);
			const mine = derive([...d.households.values()], [...d.orders.keys()], [...d.events.values()], d.roundId!);
			expect(mine.coverage).toEqual(truth.coverage);
			expect(mine.statuses).toEqual(truth.statuses);
			expect(mine.deliveries).toEqual(truth.deliveries);
			expect(mine.care).toEqual(truth.care);
			expect(mine.needs).toEqual(truth.needs);
		}
		kinds.expectRoundKindsConverge(
			s,
			world.devices.map((d) => ({ households: [...d.households.values()], events: [...d.events.values()] }))
		);
	} finally {
		await server.close();
	}
}

describe('sync convergence', () => {
	it(
		`devices and server fold to the same statuses and coverage after any interleaving (${NUM_RUNS} runs)`,
		async () => {
			const started = performance.now();
			await fc.assert(
				fc.asyncProperty(fc.integer({ min: 2, max: 4 }), fc.array(actionArb, { maxLength: 60 }), scenario),
				{ numRuns: NUM_RUNS }
			);
			if (process.env.NUM_RUNS) {
				const seconds = (performance.now() - started) / 1000;
				console.log(`[convergence] ${NUM_RUNS} runs passed in ${seconds.toFixed(1)} s`);
			}
		},
		// No wall-clock limit: the benchmark mode runs for minutes on a slow machine.
		0
	);

	it('two offline claims of one pool request end with one owner everywhere', () => scenario(3, CLAIM_RACE));

	it('a scenario with every fault converges (a fixed example, readable when it breaks)', async () => {
		await scenario(3, [
			{
				kind: 'record',
				dev: 0,
				hh: 0,
				invalid: false,
				outcome: 'nobody_home',
				sampled: 0,
				residents: 2,
				time: 0,
				fix: 'none',
				pick: 0
			},
			{
				kind: 'record',
				dev: 1,
				hh: 0,
				invalid: false,
				outcome: 'sampled',
				sampled: 2,
				residents: 2,
				time: 1,
				fix: 'none',
				pick: 0
			},
			{
				kind: 'record',
				dev: 2,
				hh: 0,
				invalid: true,
				outcome: 'refused',
				sampled: 0,
				residents: 1,
				time: 1,
				fix: 'none',
				pick: 0
			},
			{ kind: 'push', dev: 1, size: 5, fault: 'lost-answer' },
			{ kind: 'pull', dev: 0, limit: 1, pages: 3, losePage: 1 },
			{
				kind: 'record',
				dev: 0,
				hh: 0,
				invalid: false,
				outcome: 'sampled',
				sampled: 1,
				residents: 2,
				time: 2,
				fix: 'replace',
				pick: 1
			},
			{ kind: 'push', dev: 1, size: 5, fault: 'none' },
			{ kind: 'repush', dev: 1, size: 5 },
			{ kind: 'together', pusher: 0, puller: 2, size: 1, limit: 2 },
			{
				kind: 'record',
				dev: 2,
				hh: 1,
				invalid: false,
				outcome: 'sampled',
				sampled: 1,
				residents: 1,
				time: 3,
				fix: 'void',
				pick: 0
			},
			{ kind: 'deliver', dev: 2, order: 0, delivered: false, time: 0 },
			{ kind: 'deliver', dev: 1, order: 0, delivered: true, time: 0 },
			{ kind: 'push', dev: 2, size: 2, fault: 'offline' }
		]);
	});
});
