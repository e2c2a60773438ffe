import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PushResult } from '$lib/domain/api';
import { eventSchema, type FieldEvent } from '$lib/domain/schemas';
import type { DeviceAuth } from './auth';
import type { Db } from './db';
import { ACCEPTED_EVENT_VERSIONS, describeIssues, pushEvents } from './push';
import { nextSeq } from './seq';
import { demoTeam, secondTeam } from './testing/fixtures';
import { STORES } from './testing/stores';

/*
 * The per-event push this server had before batches were judged set-based (revision e89ae07),
 * kept as it was as the reference: the batch push must answer and store exactly what it did.
 */
class Rejection extends Error {}

const idOf = (raw: unknown): string => {
	const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
	return typeof id === 'string' ? id.replaceAll('\0', '').slice(0, 64) : '';
};

function nulPath(value: unknown, path: string[] = []): string | null {
	if (typeof value === 'string') return value.includes('\0') ? path.join('.') || 'event' : null;
	if (typeof value !== 'object' || value === null) return null;
	for (const [key, inner] of Object.entries(value)) {
		const found = nulPath(inner, [...path, key]);
		if (found) return found;
	}
	return null;
}

function checkVersion(raw: unknown): void {
	const v = typeof raw === 'object' && raw !== null ? (raw as { v?: unknown }).v : undefined;
	const accepted = ACCEPTED_EVENT_VERSIONS.join(' or ');
	if (v === undefined) throw new Rejection(`v: the event carries no schema version; this server accepts ${accepted}`);
	if (typeof v === 'number' && ACCEPTED_EVENT_VERSIONS.includes(v)) return;
	const shown = typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e6 ? ` ${v}` : '';
	throw new Rejection(
		`v: unknown event schema version${shown}; this server accepts ${accepted} — update the app on the device that recorded it`
	);
}

async function householdOf(tx: Db, auth: DeviceAuth, e: FieldEvent): Promise<string> {
	const inTeam = async (householdId: string) => {
		const h = await tx.get('SELECT 1 AS ok FROM households WHERE id = ? AND team_id = ?', [householdId, auth.teamId]);
		if (!h) throw new Rejection(`householdId: no household ${householdId} in this team`);
		return householdId;
	};
	switch (e.type) {
		case 'visit': {
			const round = await tx.get('SELECT 1 AS ok FROM rounds WHERE id = ? AND team_id = ?', [e.roundId, auth.teamId]);
			if (!round) throw new Rejection(`roundId: no sampling round ${e.roundId} in this team`);
			return inTeam(e.householdId);
		}
		case 'void':
			return inTeam(e.householdId);
		case 'delivery_request': {
			const taken = await tx.get('SELECT 1 AS ok FROM orders WHERE id = ? AND team_id = ?', [e.order.id, auth.teamId]);
			if (taken) throw new Rejection(`order.id: delivery order ${e.order.id} already exists`);
			return inTeam(e.order.householdId);
		}
		case 'delivery_outcome': {
			const order = await tx.get<{ household_id: string }>(
				'SELECT household_id FROM orders WHERE id = ? AND team_id = ?',
				[e.orderId, auth.teamId]
			);
			if (!order) throw new Rejection(`orderId: no delivery order ${e.orderId} in this team`);
			return order.household_id;
		}
		default:
			// Care, needs-desk and round-kind events came after this reference; its batches never hold them.
			throw new Rejection(`type: ${e.type} is not in the reference`);
	}
}

async function accept(tx: Db, auth: DeviceAuth, raw: unknown, seq: number): Promise<PushResult> {
	const rawId = idOf(raw);
	// Hostile shapes (NUL, nesting, numbers) are refused before anything else looks at the event.
	const nul = nulPath(raw);
	if (nul) throw new Rejection(`${nul}: contains a NUL character, which cannot be stored`);
	checkVersion(raw);
	const parsed = eventSchema.safeParse(raw);
	if (!parsed.success) throw new Rejection(describeIssues(parsed.error));
	const e = parsed.data;
	if (e.deviceId !== auth.deviceId) {
		throw new Rejection('deviceId: the event was recorded on another device');
	}
	const had = await tx.get<{ team_id: string }>('SELECT team_id FROM events WHERE id = ? AND team_id = ?', [
		e.id,
		auth.teamId
	]);
	if (had) {
		return { id: rawId, status: 'duplicate' };
	}
	const householdId = await householdOf(tx, auth, e);
	// A volunteer corrects or undoes only its own records; a lead anyone's in the team.
	const refs = e.type === 'void' ? e.voids : e.type === 'visit' ? e.replaces : [];
	const field = e.type === 'void' ? 'voids' : 'replaces';
	for (const id of refs) {
		const target = await tx.get<{ team_id: string; device_id: string }>(
			'SELECT team_id, device_id FROM events WHERE id = ? AND team_id = ?',
			[id, auth.teamId]
		);
		if (!target) continue;
		if (target.team_id !== auth.teamId) throw new Rejection(`${field}: no event ${id} in this team`);
		if (target.device_id !== auth.deviceId && auth.role === 'volunteer') {
			throw new Rejection(`${field}: a volunteer may correct or undo only their own records; ask the team lead`);
		}
	}
	const now = new Date().toISOString();
	if (e.type === 'delivery_request') {
		const o = e.order;
		await tx.run(
			`INSERT INTO orders (id, team_id, household_id, items, urgency, note, purchase, seq)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			[o.id, auth.teamId, o.householdId, JSON.stringify(o.items), o.urgency, o.note, o.purchase ? 1 : 0, seq]
		);
	}
	await tx.run(
		`INSERT INTO events (id, team_id, device_id, type, household_id, body, received_at, seq, volunteer)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		[e.id, auth.teamId, auth.deviceId, e.type, householdId, JSON.stringify(e), now, seq, auth.volunteer]
	);
	return { id: rawId, status: 'accepted' };
}

async function referencePush(
	db: Db,
	auth: DeviceAuth,
	events: unknown[],
	pending: number | undefined
): Promise<PushResult[]> {
	return db.tx(async (tx) => {
		let seq = events.length ? await nextSeq(tx, auth.teamId, events.length) : 0;
		const results: PushResult[] = [];
		const now = new Date().toISOString();
		for (const raw of events) {
			try {
				results.push(await accept(tx, auth, raw, seq++));
			} catch (err) {
				if (!(err instanceof Rejection)) throw err;
				const id = idOf(raw);
				await tx.run(
					'INSERT INTO quarantine (team_id, event_id, device_id, reason, body, received_at) VALUES (?, ?, ?, ?, ?, ?)',
					[auth.teamId, id, auth.deviceId, err.message, JSON.stringify(raw ?? null).slice(0, 20_000), now]
				);
				results.push({ id, status: 'rejected', reason: err.message });
			}
		}
		await tx.run('UPDATE devices SET last_sync_at = ?, last_pending = ? WHERE id = ? AND team_id = ?', [
			now,
			pending ?? 0,
			auth.deviceId,
			auth.teamId
		]);
		return results;
	});
}

type Item =
	| { kind: 'visit'; id: number; house: number; round: number; self: boolean }
	| { kind: 'void'; id: number; house: number }
	| { kind: 'request'; id: number; order: number; house: number }
	| { kind: 'outcome'; id: number; order: number; self: boolean }
	| { kind: 'bad'; id: number; how: number };
interface Push {
	who: number;
	items: Item[];
}

const HOUSES = ['demo-1-1-101', 'demo-2-1-301', 'nowhere', 'b-1-1-101'];
/** A small pool of ids, so batches repeat them within and across pushes, devices and teams. */
const id = fc.nat({ max: 7 });
const house = fc.nat({ max: HOUSES.length - 1 });
const order = fc.nat({ max: 3 });
const item: fc.Arbitrary<Item> = fc.oneof(
	fc.record({ kind: fc.constant('visit' as const), id, house, round: fc.nat({ max: 2 }), self: fc.boolean() }),
	fc.record({ kind: fc.constant('void' as const), id, house }),
	fc.record({ kind: fc.constant('request' as const), id, order, house }),
	fc.record({ kind: fc.constant('outcome' as const), id, order, self: fc.boolean() }),
	fc.record({ kind: fc.constant('bad' as const), id, how: fc.nat({ max: 2 }) })
);
const pushes = fc.array(fc.record({ who: fc.nat({ max: 2 }), items: fc.array(item, { maxLength: 14 }) }), {
	minLength: 1,
	maxLength: 5
});

interface World {
	db: Db;
	devices: DeviceAuth[];
	rounds: string[];
	orders: string[];
	/** this store's random ids (devices, the demo's round and orders) → a name both stores share */
	names: Map<string, string>;
}

async function world(db: Db): Promise<World> {
	const t = await demoTeam(db);
	const b = await secondTeam(db);
	// The demo's round and orders have random ids: name them too.
	const seeded = await db.all<{ id: string }>('SELECT id FROM orders ORDER BY seq');
	const devices = [t.volunteer, t.lead, b.volunteer];
	return {
		db,
		devices,
		rounds: [t.roundId, b.roundId, 'nowhere'],
		orders: ['o-0', 'o-1', 'o-2', seeded[0].id],
		names: new Map([
			...devices.map((d, i): [string, string] => [d.deviceId, `device-${i}`]),
			...seeded.map((o, i): [string, string] => [o.id, `seeded-order-${i}`]),
			[t.roundId, 'demo-round']
		])
	};
}

const AT = '2026-11-23T09:00:00.000Z';

function materialise(w: World, who: DeviceAuth, it: Item): unknown {
	const base = { id: `ev-${it.id}`, v: 1, volunteer: who.volunteer, at: AT };
	const other = w.devices[(w.devices.indexOf(who) + 1) % w.devices.length].deviceId;
	switch (it.kind) {
		case 'visit':
			return {
				...base,
				type: 'visit',
				deviceId: it.self ? who.deviceId : other,
				householdId: HOUSES[it.house],
				roundId: w.rounds[it.round],
				outcome: 'sampled',
				sampled: 1,
				residents: 1,
				tube: '',
				note: '',
				replaces: []
			};
		case 'void':
			return { ...base, type: 'void', deviceId: who.deviceId, householdId: HOUSES[it.house], voids: ['ev-0'] };
		case 'request':
			return {
				...base,
				type: 'delivery_request',
				deviceId: who.deviceId,
				order: {
					id: w.orders[it.order],
					householdId: HOUSES[it.house],
					items: ['水'],
					urgency: 'normal',
					note: '',
					purchase: false
				}
			};
		case 'outcome':
			return {
				...base,
				type: 'delivery_outcome',
				deviceId: it.self ? who.deviceId : other,
				orderId: w.orders[it.order],
				outcome: 'delivered',
				collectedFen: 0,
				note: ''
			};
		case 'bad':
			return it.how === 0
				? { ...base, type: 'visit', deviceId: who.deviceId }
				: it.how === 1
					? { ...base, v: 9 }
					: { id: `ev-${it.id}`, note: 'a\u0000b' };
	}
}

function named(w: World, value: unknown): string {
	let text = JSON.stringify(value);
	for (const [from, name] of w.names) text = text.replaceAll(from, name);
	return text;
}

/** Everything a push writes, with device ids named the same way in both stores. */
async function dump(w: World): Promise<string> {
	const tables = {
		events: await w.db.all(
			'SELECT id, team_id, device_id, type, household_id, body, seq, volunteer FROM events ORDER BY seq, id'
		),
		orders: await w.db.all(
			'SELECT id, team_id, household_id, items, urgency, note, purchase, seq FROM orders ORDER BY seq, id'
		),
		quarantine: await w.db.all(
			'SELECT event_id, device_id, reason, body FROM quarantine ORDER BY event_id, reason, body'
		),
		devices: (await w.db.all<{ id: string; last_pending: number }>('SELECT id, last_pending FROM devices'))
			.map((d) => [w.names.get(d.id), d.last_pending])
			.sort(),
		counters: await w.db.all('SELECT team_id, seq FROM team_counters ORDER BY team_id')
	};
	return named(w, tables);
}

describe.each(STORES)('batch push against the per-event reference on $name', (kind) => {
	it('answers and stores exactly what the per-event push did, for random batches', async () => {
		await fc.assert(
			fc.asyncProperty(pushes, async (plan: Push[]) => {
				const ref = await kind.open();
				const now = await kind.open();
				try {
					const a = await world(ref.db);
					const b = await world(now.db);
					for (const [n, p] of plan.entries()) {
						const batchA = p.items.map((it) => materialise(a, a.devices[p.who], it));
						const batchB = p.items.map((it) => materialise(b, b.devices[p.who], it));
						const want = await referencePush(a.db, a.devices[p.who], batchA, n);
						const got = await pushEvents(b.db, b.devices[p.who], batchB, n);
						expect(named(b, got)).toEqual(named(a, want));
					}
					expect(await dump(b)).toEqual(await dump(a));
				} finally {
					await ref.dispose();
					await now.dispose();
				}
			}),
			{ numRuns: kind.name === 'sqlite' ? 60 : 15 }
		);
	}, 180_000);
});
