import { describe, expect, it } from 'vitest';
import { foldNeeds } from '$lib/domain/needs/fold';
import type { DeliveryOutcomeEvent, NeedEvent } from '$lib/domain/schemas';
import { allNeeds } from '$lib/domain/needs/legacy';
import { created, done, needEvent } from '$tests/support/needs';
import { PendingError, type DeviceAuth } from '../auth';
import { pull } from '../pull';
import { pushEvents } from '../push';
import { nextSeq } from '../seq';
import {
	APP_KINDS,
	assign,
	count,
	deliveryRequest,
	demoTeam,
	device,
	DEMO,
	secondTeam,
	TEAM_B
} from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';

const H = 'demo-1-1-101';
const who = (a: DeviceAuth) => ({ deviceId: a.deviceId, volunteer: a.volunteer });
const to = (a: DeviceAuth) => ({ deviceId: a.deviceId, name: a.volunteer });

describe.each(STORES)('the needs desk on $name', (kind) => {
	const db = freshStore(kind);

	async function team() {
		const t = await demoTeam(db());
		const other = await device(db(), DEMO.volunteerCode, '李四');
		return { ...t, other };
	}

	const push = (auth: DeviceAuth, ...events: NeedEvent[]) => pushEvents(db(), auth, events, 0);
	const statuses = async (auth: DeviceAuth, ...events: NeedEvent[]) =>
		(await push(auth, ...events)).map((r) => r.status);
	const reasons = async (auth: DeviceAuth, ...events: NeedEvent[]) =>
		(await push(auth, ...events)).map((r) => r.reason ?? r.status);
	async function serverNeed(id: string) {
		const rows = await db().all<{ body: string; volunteer: string; received_at: string }>(
			"SELECT body, volunteer, received_at FROM events WHERE type LIKE 'need_%'"
		);
		const events = rows.map((r) => ({ ...JSON.parse(r.body), volunteer: r.volunteer, receivedAt: r.received_at }));
		return foldNeeds(events).get(id);
	}

	it('the desk takes a request, the lead assigns it, the volunteer goes and completes it', async () => {
		const t = await team();
		const N = { needId: 'need-1', householdId: H };
		expect(
			await statuses(
				t.lead,
				created(who(t.lead), N),
				needEvent('need_dispatched', who(t.lead), N, { to: to(t.volunteer) })
			)
		).toEqual(['accepted', 'accepted']);
		expect(await count(db(), 'needs')).toBe(1);
		expect(
			await statuses(
				t.volunteer,
				needEvent('need_on_the_way', who(t.volunteer), N, {}),
				done(who(t.volunteer), N, { collectedFen: 2350, feedback: 'good' } as Partial<NeedEvent>)
			)
		).toEqual(['accepted', 'accepted']);
		const n = await serverNeed('need-1');
		expect(n).toMatchObject({
			state: 'done',
			holder: { deviceId: t.volunteer.deviceId },
			done: { collectedFen: 2350 }
		});
		// The volunteer's device receives the whole history, stamped by the server.
		const page = await pull(db(), t.volunteer, 0, 2000, 0, APP_KINDS);
		expect(page.events.filter((e) => e.type.startsWith('need_'))).toHaveLength(4);
	});

	it('a volunteer cannot complete, start or give up what another holds, nor what nobody gave them', async () => {
		const t = await team();
		const N = { needId: 'need-2', householdId: H };
		await push(t.lead, created(who(t.lead), N), needEvent('need_dispatched', who(t.lead), N, { to: to(t.volunteer) }));
		const refused = await reasons(
			t.other,
			done(who(t.other), N),
			needEvent('need_on_the_way', who(t.other), N, {}),
			needEvent('need_not_done', who(t.other), N, { reason: 'other', note: '' })
		);
		for (const r of refused) expect(r).toMatch(/已由 测试志愿者 接单/);
		expect(await count(db(), 'quarantine')).toBe(3);
		expect((await serverNeed('need-2'))?.state).toBe('held');
	});

	it('only a lead dispatches, cancels or escalates', async () => {
		const t = await team();
		const N = { needId: 'need-3', householdId: H };
		expect(await statuses(t.volunteer, created(who(t.volunteer), N))).toEqual(['accepted']);
		const refused = await reasons(
			t.volunteer,
			needEvent('need_dispatched', who(t.volunteer), N, { to: null }),
			needEvent('need_cancelled', who(t.volunteer), N, { note: '' }),
			needEvent('need_escalated', who(t.volunteer), N, { note: '' })
		);
		for (const r of refused) expect(r).toMatch(/only the team lead/);
		expect(await statuses(t.lead, needEvent('need_cancelled', who(t.lead), N, { note: '' }))).toEqual(['accepted']);
		expect((await serverNeed('need-3'))?.state).toBe('cancelled');
	});

	it('two claims of one pool request: both kept, one owner (the first received), the other told who', async () => {
		const t = await team();
		const N = { needId: 'need-4', householdId: H };
		await push(t.lead, created(who(t.lead), N), needEvent('need_dispatched', who(t.lead), N, { to: null }));
		// Both claimed offline; the other volunteer's claim arrives first.
		const mine = needEvent('need_claimed', who(t.volunteer), N, {});
		const theirs = needEvent('need_claimed', who(t.other), N, {});
		expect(await statuses(t.other, theirs)).toEqual(['accepted']);
		// The later claimant also recorded "on the way" offline: kept, not counted.
		expect(await statuses(t.volunteer, mine, needEvent('need_on_the_way', who(t.volunteer), N, {}))).toEqual([
			'accepted',
			'accepted'
		]);
		const n = await serverNeed('need-4');
		expect(n?.holder).toMatchObject({ deviceId: t.other.deviceId, how: 'claimed' });
		expect(n?.state).toBe('held');
		expect(n?.lostClaims).toEqual([{ deviceId: t.volunteer.deviceId, name: t.volunteer.volunteer, heldBy: '李四' }]);
		// The loser's device folds the same answer from what it pulls.
		const page = await pull(db(), t.volunteer, 0, 2000, 0, APP_KINDS);
		expect(foldNeeds(page.events).get('need-4')).toEqual(n);
	});

	it('a revoked device may hand in its records but not claim; a pending one cannot push at all', async () => {
		const t = await team();
		const N = { needId: 'need-5', householdId: H };
		await push(t.lead, created(who(t.lead), N), needEvent('need_dispatched', who(t.lead), N, { to: null }));
		await db().run('UPDATE devices SET revoked_at = ? WHERE id = ?', ['2026-11-23T09:00:00Z', t.other.deviceId]);
		expect(await reasons(t.other, needEvent('need_claimed', who(t.other), N, {}))).toEqual([
			expect.stringMatching(/revoked/)
		]);
		// Nor can the lead hand the request to it.
		expect(await reasons(t.lead, needEvent('need_dispatched', who(t.lead), N, { to: to(t.other) }))).toEqual([
			expect.stringMatching(/to.deviceId/)
		]);
		// A door request it took before the revoke is still handed in.
		expect(await statuses(t.other, created(who(t.other), { needId: 'need-6', householdId: H }))).toEqual(['accepted']);
		// A device waiting for approval gets no credentials to push with: it stops at authentication.
		await db().run('UPDATE teams SET approval = 1');
		await expect(device(db(), DEMO.volunteerCode, '王五')).rejects.toThrow(PendingError);
	});

	it('refuses a request of another team, another household, an unknown one, or created twice', async () => {
		const t = await team();
		await secondTeam(db());
		const N = { needId: 'need-7', householdId: H };
		const r = await reasons(
			t.lead,
			created(who(t.lead), N),
			created(who(t.lead), N, { id: 'dup-create' }),
			created(who(t.lead), { needId: 'need-8', householdId: TEAM_B.household }),
			needEvent('need_dispatched', who(t.lead), { needId: 'need-7', householdId: 'demo-1-1-102' }, { to: null }),
			needEvent('need_dispatched', who(t.lead), { needId: 'nope', householdId: H }, { to: null })
		);
		expect(r).toEqual([
			'accepted',
			expect.stringMatching(/already exists/),
			expect.stringMatching(/no household/),
			expect.stringMatching(/another household/),
			expect.stringMatching(/no request nope/)
		]);
		expect(await count(db(), 'needs')).toBe(1);
	});

	it('refuses a hand-over to a name the device did not enrol with', async () => {
		const t = await team();
		const N = { needId: 'need-9', householdId: H };
		expect(
			await reasons(
				t.lead,
				created(who(t.lead), N),
				needEvent('need_dispatched', who(t.lead), N, { to: { deviceId: t.volunteer.deviceId, name: '冒名' } })
			)
		).toEqual(['accepted', expect.stringMatching(/to.name/)]);
	});

	it('delivery orders from before the desk, and their outcomes, come back as requests from a pull', async () => {
		const t = await team();
		const req = deliveryRequest(t.volunteer, H);
		const outcome: DeliveryOutcomeEvent = {
			id: 'outcome-1',
			v: 1,
			type: 'delivery_outcome',
			deviceId: t.volunteer.deviceId,
			volunteer: t.volunteer.volunteer,
			at: '2026-11-23T09:30:00.000Z',
			orderId: req.order.id,
			outcome: 'delivered',
			collectedFen: 1200,
			note: ''
		};
		expect(await pushEvents(db(), t.volunteer, [req, outcome], 0)).toHaveLength(2);
		// The lead's typed order with no outcome yet.
		await db().tx(async (tx) =>
			tx.run(
				"INSERT INTO orders (id, team_id, household_id, items, urgency, note, purchase, seq) VALUES ('typed', ?, ?, '[\"尿不湿\"]', 'infant', '', 0, ?)",
				[t.lead.teamId, H, await nextSeq(tx, t.lead.teamId, 1)]
			)
		);
		const page = await pull(db(), t.lead, 0, 2000, 0, APP_KINDS);
		const needs = allNeeds(page.orders, foldNeeds(page.events), page.events);
		expect(needs.find((n) => n.id === req.order.id)).toMatchObject({
			kind: 'medicine',
			state: 'done',
			done: { collectedFen: 1200 },
			legacy: true
		});
		expect(needs.find((n) => n.id === 'typed')).toMatchObject({ kind: 'infant', state: 'pool', askedAt: null });
	});

	it('a volunteer outside the area receives the request as a door only: its place, no notes, no household', async () => {
		const t = await team();
		await assign(db(), t.volunteer, '3');
		const far = { needId: 'need-far', householdId: H };
		const near = { needId: 'need-near', householdId: 'demo-3-1-101' };
		await push(
			t.lead,
			created(who(t.lead), far, { note: '老人耳背,请多敲门' } as Partial<NeedEvent>),
			needEvent('need_dispatched', who(t.lead), far, { to: null }),
			created(who(t.lead), near, { note: '放门口' } as Partial<NeedEvent>)
		);
		const page = await pull(db(), t.volunteer, 0, 2000, 0, APP_KINDS);
		expect(page.households.map((h) => h.id)).not.toContain(H);
		// A build older than the needs desk names no round kinds and could not read request events.
		const older = await pull(db(), t.lead, 0, 2000);
		expect(older.events.filter((e) => e.type.startsWith('need_'))).toEqual([]);
		expect(older.households.length).toBeGreaterThan(0);
		const needs = foldNeeds(page.events);
		expect(needs.get('need-far')).toMatchObject({
			state: 'pool',
			note: '',
			place: { building: '1', unit: '1', room: '101' }
		});
		expect(needs.get('need-near')?.note).toBe('放门口');
		// The lead sees the whole team in full.
		expect(foldNeeds((await pull(db(), t.lead, 0, 2000, 0, APP_KINDS)).events).get('need-far')?.note).toBe(
			'老人耳背,请多敲门'
		);
		// Nothing else of another area comes with it.
		expect(page.events.filter((e) => !e.type.startsWith('need_') && e.type !== 'delivery_request')).toEqual([]);
	});

	it('refuses a request whose place is not where its household is', async () => {
		const t = await team();
		const N = { needId: 'need-lie', householdId: H };
		expect(
			await reasons(
				t.lead,
				created(who(t.lead), N, { place: { building: '3', unit: '1', room: '101' } } as Partial<NeedEvent>)
			)
		).toEqual([expect.stringMatching(/^place:/)]);
	});
});
