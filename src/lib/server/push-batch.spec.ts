import { describe, expect, it } from 'vitest';
import type { DeliveryOutcomeEvent } from '$lib/domain/schemas';
import type { DeviceAuth } from './auth';
import type { Db, Param } from './db';
import { pushEvents } from './push';
import { nextSeq } from './seq';
import { count, deliveryRequest, demoTeam, secondTeam, visit } from './testing/fixtures';
import { ForwardingDb } from './testing/forwarding-db';
import { STORES, freshStore } from './testing/stores';

let outcomes = 0;
const outcome = (auth: DeviceAuth, orderId: string): DeliveryOutcomeEvent => ({
	id: `out-${++outcomes}-${Math.random().toString(36).slice(2, 8)}`,
	v: 1,
	type: 'delivery_outcome',
	deviceId: auth.deviceId,
	volunteer: auth.volunteer,
	at: '2026-11-23T10:00:00.000Z',
	orderId,
	outcome: 'delivered',
	collectedFen: 0,
	note: ''
});

/**
 * The store as pushEvents sees it, except that `meanwhile` runs inside the push's transaction
 * just before it takes the counter lock: what it writes is what another transaction committing
 * between the push's look-ups and its lock would leave behind.
 */
class Meanwhile extends ForwardingDb {
	#ran = false;
	constructor(
		inner: Db,
		private meanwhile: (tx: Db) => Promise<void>
	) {
		super(inner);
	}
	override async get<T>(sql: string, params?: Param[]): Promise<T | undefined> {
		if (sql.startsWith('INSERT INTO team_counters') && !this.#ran) {
			this.#ran = true;
			await this.meanwhile(this.inner);
		}
		return this.inner.get<T>(sql, params);
	}
	protected within(inner: Db): Db {
		return new Meanwhile(inner, this.meanwhile);
	}
}

describe.each(STORES)('push of a whole batch on $name', (kind) => {
	const db = freshStore(kind);
	const at = (t: Awaited<ReturnType<typeof demoTeam>>, householdId = 'demo-1-1-101') => ({
		deviceId: t.volunteer.deviceId,
		roundId: t.roundId,
		householdId
	});

	it('stores an event sent twice in one batch once and answers the second copy as a duplicate', async () => {
		const t = await demoTeam(db());
		const e = visit(at(t));
		const results = await pushEvents(db(), t.volunteer, [e, visit(at(t)), e], 3);
		expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'duplicate']);
		expect(await count(db(), 'events')).toBe(2);
	});

	it('judges a later copy on its own when the first copy of an id was refused', async () => {
		const t = await demoTeam(db());
		const good = visit(at(t));
		const bad = { ...good, householdId: 'nowhere' };
		const results = await pushEvents(db(), t.volunteer, [bad, good, bad], 3);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted', 'duplicate']);
		expect(await count(db(), 'quarantine')).toBe(1);
		const stored = await db().get<{ household_id: string }>('SELECT household_id FROM events WHERE id = ?', [good.id]);
		expect(stored?.household_id).toBe('demo-1-1-101');
	});

	it('takes a delivery outcome for an order requested earlier in the same batch, not before it', async () => {
		const t = await demoTeam(db());
		const request = deliveryRequest(t.volunteer, 'demo-2-1-301');
		const early = outcome(t.volunteer, request.order.id);
		const late = outcome(t.volunteer, request.order.id);
		const results = await pushEvents(db(), t.volunteer, [early, request, late], 3);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted', 'accepted']);
		expect(results[0].reason).toMatch(/^orderId: no delivery order/);
		const rows = await db().all<{ id: string; household_id: string; seq: number }>(
			'SELECT id, household_id, seq FROM events ORDER BY seq'
		);
		expect(rows.map((r) => [r.id, r.household_id])).toEqual([
			[request.id, 'demo-2-1-301'],
			[late.id, 'demo-2-1-301']
		]);
		const order = await db().get<{ seq: number }>('SELECT seq FROM orders WHERE id = ?', [request.order.id]);
		expect(order?.seq).toBe(rows[0].seq);
	});

	it('refuses a second request for the same new order in one batch', async () => {
		const t = await demoTeam(db());
		const request = deliveryRequest(t.volunteer, 'demo-2-1-301');
		const again = {
			...deliveryRequest(t.volunteer, 'demo-1-1-101'),
			order: { ...request.order, householdId: 'demo-1-1-101' }
		};
		const results = await pushEvents(db(), t.volunteer, [request, again], 2);
		expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected']);
		expect(results[1].reason).toMatch(/^order\.id: delivery order .* already exists/);
		expect(await db().all('SELECT household_id FROM orders WHERE id = ?', [request.order.id])).toEqual([
			{ household_id: 'demo-2-1-301' }
		]);
	});

	it('sees what committed between its look-ups and the counter lock', async () => {
		const t = await demoTeam(db());
		const b = await secondTeam(db());
		const ours = visit(at(t)); // pushed meanwhile by the same device (a retry racing the first try)
		const theirs = visit(at(t)); // the id is used meanwhile by another team: ids are keyed by team, so still ours to take
		const taken = deliveryRequest(t.volunteer, 'demo-1-1-101'); // its order id is created meanwhile
		const batch = [
			visit(at(t, 'new-household')),
			visit({ ...at(t), roundId: 'new-round' }),
			ours,
			theirs,
			taken,
			outcome(t.volunteer, 'new-order'),
			visit(at(t))
		];
		const meanwhile = async (tx: Db) => {
			await pushEvents(tx, t.volunteer, [ours], 0);
			await pushEvents(
				tx,
				b.volunteer,
				[{ ...theirs, deviceId: b.volunteer.deviceId, roundId: b.roundId, householdId: 'b-1-1-101' }],
				0
			);
			const seq = await nextSeq(tx, 'demo-team', 4);
			await tx.run(
				`INSERT INTO households (id, team_id, building, unit, floor, room, head, phone, residents, tags, note, seq)
				 VALUES ('new-household', 'demo-team', '9', '1', 1, '101', '新户', '10000000000', 1, '[]', '', ?)`,
				[seq]
			);
			await tx.run(
				"INSERT INTO rounds (id, team_id, date, kind, active, seq) VALUES ('new-round', 'demo-team', '2026-11-24', 'sampling', 0, ?)",
				[seq + 1]
			);
			const order = `INSERT INTO orders (id, team_id, household_id, items, urgency, note, purchase, seq) VALUES (?, 'demo-team', ?, '[]', 'medicine', '', 0, ?)`;
			await tx.run(order, [taken.order.id, 'demo-1-1-201', seq + 2]);
			await tx.run(order, ['new-order', 'demo-1-2-101', seq + 3]);
		};

		const results = await pushEvents(new Meanwhile(db(), meanwhile), t.volunteer, batch, 0);

		expect(results.map((r) => r.status)).toEqual([
			'accepted',
			'accepted',
			'duplicate',
			'accepted',
			'rejected',
			'accepted',
			'accepted'
		]);
		expect(results[4].reason).toMatch(/^order\.id: delivery order .* already exists/);
		const outcomeRow = await db().get<{ household_id: string }>('SELECT household_id FROM events WHERE id = ?', [
			batch[5].id
		]);
		expect(outcomeRow?.household_id).toBe('demo-1-2-101');
		expect(await db().get('SELECT household_id FROM orders WHERE id = ?', [taken.order.id])).toEqual({
			household_id: 'demo-1-1-201'
		});
		// ours and theirs meanwhile, then five of the batch (theirs once in each team).
		expect(await count(db(), 'events')).toBe(7);
		// Every row the push wrote has a seq above everything committed before its lock.
		const before = await db().get<{ s: number }>("SELECT MAX(seq) AS s FROM orders WHERE id = 'new-order'");
		const written = await db().all<{ seq: number }>('SELECT seq FROM events WHERE device_id = ? AND id <> ?', [
			t.volunteer.deviceId,
			ours.id
		]);
		expect(written.every((r) => Number(r.seq) > Number(before?.s))).toBe(true);
	});

	it('lets one of two requests racing for the same new order have it', async () => {
		const t = await demoTeam(db());
		const ordersBefore = await count(db(), 'orders');
		for (let round = 0; round < 5; round++) {
			const mine = deliveryRequest(t.volunteer, 'demo-2-1-301');
			const yours = {
				...deliveryRequest(t.lead, 'demo-1-1-101'),
				order: { ...mine.order, householdId: 'demo-1-1-101' }
			};
			const [a, b] = await Promise.all([
				pushEvents(db(), t.volunteer, [visit(at(t)), mine, outcome(t.volunteer, mine.order.id)], 0),
				pushEvents(db(), t.lead, [yours, outcome(t.lead, mine.order.id)], 0)
			]);
			const requests = [a[1], b[0]];
			expect(requests.map((r) => r.status).sort()).toEqual(['accepted', 'rejected']);
			expect(requests.find((r) => r.status === 'rejected')?.reason).toMatch(/^order\.id:/);
			const order = await db().get<{ household_id: string }>('SELECT household_id FROM orders WHERE id = ?', [
				mine.order.id
			]);
			const winner = a[1].status === 'accepted' ? 'demo-2-1-301' : 'demo-1-1-101';
			expect(order?.household_id).toBe(winner);
			// An outcome is accepted when the order exists by the time its push holds the lock.
			const outcomes = await db().all<{ household_id: string }>(
				"SELECT household_id FROM events WHERE type = 'delivery_outcome' AND body LIKE ?",
				[`%${mine.order.id}%`]
			);
			expect(outcomes.every((o) => o.household_id === winner)).toBe(true);
			expect(a[2].status).toBe('accepted');
		}
		expect(await count(db(), 'orders')).toBe(ordersBefore + 5);
	});

	it('stores each event once when overlapping batches arrive at the same time', async () => {
		const t = await demoTeam(db());
		const all = Array.from({ length: 40 }, (_, i) => visit(at(t, `demo-1-1-${(i % 6) + 1}01`)));
		const batches = Array.from({ length: 6 }, (_, k) => all.filter((_, i) => (i + k) % 3 !== 0).reverse());
		const answers = await Promise.all(batches.map((batch) => pushEvents(db(), t.volunteer, batch, 0)));
		const accepted = answers
			.flat()
			.filter((r) => r.status === 'accepted')
			.map((r) => r.id);
		expect(accepted.sort()).toEqual(all.map((e) => e.id).sort());
		expect(answers.flat().every((r) => r.status !== 'rejected')).toBe(true);
		const stored = await db().all<{ id: string }>('SELECT DISTINCT id FROM events');
		expect(await count(db(), 'events')).toBe(stored.length);
		expect(stored.length).toBe(all.length);
	});

	it('writes batches larger than one INSERT and reserves one seq per event in order', async () => {
		const t = await demoTeam(db());
		const batch = Array.from({ length: 250 }, (_, i) =>
			i % 50 === 7 ? visit(at(t, 'nowhere')) : visit(at(t, `demo-1-1-${(i % 6) + 1}01`))
		);
		const results = await pushEvents(db(), t.volunteer, batch, 0);
		expect(results.filter((r) => r.status === 'accepted')).toHaveLength(245);
		expect(await count(db(), 'quarantine')).toBe(5);
		const rows = await db().all<{ id: string; seq: number }>(
			'SELECT id, seq FROM events WHERE device_id = ? ORDER BY seq',
			[t.volunteer.deviceId]
		);
		const first = Number(rows[0].seq);
		const expected = batch.map((e, i) => [e.id, first + i]).filter((_, i) => i % 50 !== 7);
		expect(rows.map((r) => [r.id, Number(r.seq)])).toEqual(expected);
	});
});
