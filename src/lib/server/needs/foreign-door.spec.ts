import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseBuilding } from '$lib/domain/roster/normalise';
import type { NeedEvent } from '$lib/domain/schemas';
import { created, needEvent } from '$tests/support/needs';
import type { DeviceAuth } from '../auth';
import { admin } from '../lead/testing';
import { overview } from '../org/overview';
import { pull } from '../pull';
import { pushEvents } from '../push';
import { importRoster } from '../roster';
import { assign, APP_KINDS, demoTeam, device, secondTeam, TEAM_B } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import { httpStatus } from '../testing/http-status';
import { deskRoster, setDesk } from './desk';
import { foldNeeds } from '$lib/domain/needs/fold';
import { storedEvent, type EventRow } from '../event-row';
import { foreignBuilding, openAsOwnRequest } from './foreign-door';
import { passNeed, stepTransfer, transfers } from './transfer';

const who = (a: DeviceAuth) => ({ deviceId: a.deviceId, volunteer: a.volunteer });
const status = httpStatus;
const everything = (db: Parameters<typeof pull>[0], a: DeviceAuth) => pull(db, a, 0, 10_000, 0, APP_KINDS);

describe('a foreign door’s building', () => {
	it('fits a place, names the community, and is a name no roster row can have', () => {
		fc.assert(
			fc.property(
				fc.string({ maxLength: 40 }),
				fc.string({ maxLength: 40 }),
				fc.string(),
				(community, building, cell) => {
					const place = foreignBuilding(community, building);
					expect(place.length).toBeLessThanOrEqual(32);
					expect(place).toContain(' · ');
					if (building.length <= 29) expect(place.endsWith(` · ${building}`)).toBe(true);
					expect(place).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
					// An import squeezes spaces out of every building, so it never names this place.
					expect(normaliseBuilding(cell)).not.toMatch(/\s/);
					expect(normaliseBuilding(place)).not.toBe(place);
				}
			),
			{ numRuns: 2000 }
		);
		expect(foreignBuilding('新房子社区', '2')).toBe('新房子社区 · 2');
	});
});

describe.each(STORES)('a passed request dispatched in the receiving community on $name', (kind) => {
	const db = freshStore(kind);

	/**
	 * Community A (the demo) escalates a request of one of its households; the office passes it to
	 * B; B has a lead and two volunteers, one of them working B's only building.
	 */
	async function world() {
		const a = await demoTeam(db());
		await secondTeam(db());
		const leadB = await device(db(), TEAM_B.leadCode, '乙队长');
		const runner = await device(db(), TEAM_B.enrolCode, '乙跑腿');
		const other = await device(db(), TEAM_B.enrolCode, '乙另一位');
		await assign(db(), other, '1');
		const office = await admin(db());
		const h = (await db().get<{
			id: string;
			head: string;
			phone: string;
			building: string;
			unit: string;
			room: string;
		}>('SELECT id, head, phone, building, unit, room FROM households WHERE team_id = ? ORDER BY id LIMIT 1', [
			a.lead.teamId
		]))!;
		const up = { needId: 'need-up', householdId: h.id };
		const pushed = await pushEvents(
			db(),
			a.lead,
			[
				created(who(a.lead), up, {
					kind: 'shopping',
					items: ['挂面', '鸡蛋'],
					urgency: 'normal',
					note: '下午在家'
				} as Partial<NeedEvent>),
				needEvent('need_escalated', who(a.lead), up, { note: '' })
			],
			0
		);
		expect(pushed.map((r) => r.status)).toEqual(['accepted', 'accepted']);
		await passNeed(db(), office, { from: a.lead.teamId, needId: 'need-up', to: TEAM_B.id });
		return { leadA: a.lead, leadB, runner, other, office, household: h };
	}

	/** B's lead takes it on: B's own request at a foreign door. */
	async function takeOn(w: Awaited<ReturnType<typeof world>>) {
		const step = await stepTransfer(db(), w.leadB, w.leadA.teamId, 'need-up', 'taken');
		expect(step.ownNeedId).toBeTruthy();
		const door = (await db().get<{
			id: string;
			building: string;
			head: string;
			phone: string;
			residents: number;
			tags: string;
			note: string;
		}>(
			'SELECT id, building, head, phone, residents, tags, note FROM households WHERE team_id = ? AND foreign_of IS NOT NULL',
			[TEAM_B.id]
		))!;
		return { own: { needId: step.ownNeedId!, householdId: door.id }, door };
	}

	it('taken on, it is B’s own request: dispatched, done, and A’s lead sees 已完成 without B stepping the transfer', async () => {
		const w = await world();
		const { own, door } = await takeOn(w);
		// The door and the head's phone only: no name, residents, health tags or notes of A's household.
		expect(door).toMatchObject({ head: '', phone: w.household.phone, residents: 0, tags: '[]', note: '' });
		expect(door.building).toContain(w.household.building);
		expect(door.building).not.toBe(w.household.building);
		const inc = (await transfers(db(), w.leadB)).incoming[0];
		expect(inc).toMatchObject({ state: 'taken', ownNeedId: own.needId });

		// B's lead receives the request, carried over, and the door apart from its roster.
		const lead = await everything(db(), w.leadB);
		const made = lead.events.find((e) => e.type === 'need_created' && e.needId === own.needId) as Extract<
			NeedEvent,
			{ type: 'need_created' }
		>;
		expect(made).toMatchObject({
			householdId: door.id,
			kind: 'shopping',
			items: ['挂面', '鸡蛋'],
			channel: 'phone',
			askedAt: '2026-11-23T08:00:00.000Z',
			note: '下午在家',
			deviceId: w.leadB.deviceId
		});
		expect(lead.households.map((h) => h.id)).not.toContain(door.id);
		expect(lead.foreignDoors.map((h) => h.id)).toEqual([door.id]);
		expect(JSON.stringify(lead)).not.toContain(w.household.head);

		// Dispatched to a volunteer: the holder gets door and phone; the other volunteer does not.
		const sent = await pushEvents(
			db(),
			w.leadB,
			[needEvent('need_dispatched', who(w.leadB), own, { to: { deviceId: w.runner.deviceId, name: '乙跑腿' } })],
			0
		);
		expect(sent[0].status).toBe('accepted');
		const held = await everything(db(), w.runner);
		expect(held.events.filter((e) => 'needId' in e && e.needId === own.needId).map((e) => e.type)).toEqual([
			'need_created',
			'need_dispatched'
		]);
		expect(held.foreignDoors).toEqual([expect.objectContaining({ id: door.id, phone: w.household.phone, head: '' })]);
		expect(held.households.map((h) => h.id)).not.toContain(door.id);
		const notHeld = await everything(db(), w.other);
		expect(notHeld.foreignDoors).toEqual([]);
		expect(notHeld.households.map((h) => h.id)).not.toContain(door.id);
		expect(JSON.stringify(notHeld)).not.toContain(w.household.phone);
		// The other volunteer knows the request as a door only (its place), like any outside its area.
		expect(notHeld.events.some((e) => e.type === 'need_created' && e.needId === own.needId)).toBe(true);

		// On the way, done with money and the resident's word: the transfer follows.
		const steps = await pushEvents(
			db(),
			w.runner,
			[
				needEvent('need_on_the_way', who(w.runner), own, {}),
				needEvent('need_done', who(w.runner), own, {
					items: [],
					collectedFen: 3550,
					feedback: 'good',
					note: '很满意'
				})
			],
			0
		);
		expect(steps.map((r) => r.status)).toEqual(['accepted', 'accepted']);
		expect((await transfers(db(), w.leadA)).outgoing[0].state).toBe('done');
		expect((await transfers(db(), w.leadB)).incoming[0].state).toBe('done');
		// Done, the phone leaves the holder's device as for any request.
		expect((await everything(db(), w.runner)).foreignDoors).toEqual([]);
	});

	it('not done follows; dispatched again and delivered, done follows it; the manual step still works', async () => {
		const w = await world();
		const { own } = await takeOn(w);
		const dispatch = (to: DeviceAuth) =>
			needEvent('need_dispatched', who(w.leadB), own, { to: { deviceId: to.deviceId, name: to.volunteer } });
		await pushEvents(db(), w.leadB, [dispatch(w.runner)], 0);
		await pushEvents(
			db(),
			w.runner,
			[needEvent('need_not_done', who(w.runner), own, { reason: 'nobody_home', note: '' })],
			0
		);
		expect((await transfers(db(), w.leadA)).outgoing[0].state).toBe('not_done');
		await pushEvents(db(), w.leadB, [dispatch(w.other)], 0);
		await pushEvents(
			db(),
			w.other,
			[needEvent('need_done', who(w.other), own, { items: [], collectedFen: 0, feedback: null, note: '' })],
			0
		);
		expect((await transfers(db(), w.leadA)).outgoing[0].state).toBe('done');
		// The lead's own word on the transfer is refused once it is done, as before.
		expect(await status(stepTransfer(db(), w.leadB, w.leadA.teamId, 'need-up', 'not_done'))).toBe(409);
	});

	it('permissions: only B’s lead dispatches; A’s lead cannot touch B’s request; a B volunteer cannot take it on', async () => {
		const w = await world();
		expect(await status(stepTransfer(db(), w.runner, w.leadA.teamId, 'need-up', 'taken'))).toBe(403);
		expect(await status(stepTransfer(db(), w.leadA, w.leadA.teamId, 'need-up', 'taken'))).toBe(404);
		const { own } = await takeOn(w);
		// Taken once: a second take-on is refused and makes no second request or door.
		expect(await status(stepTransfer(db(), w.leadB, w.leadA.teamId, 'need-up', 'taken'))).toBe(409);
		const n = await db().get<{ n: number }>('SELECT COUNT(*) AS n FROM needs WHERE team_id = ?', [TEAM_B.id]);
		expect(Number(n?.n)).toBe(1);
		const byVolunteer = await pushEvents(
			db(),
			w.runner,
			[needEvent('need_dispatched', who(w.runner), own, { to: { deviceId: w.runner.deviceId, name: '乙跑腿' } })],
			0
		);
		expect(byVolunteer[0].status).toBe('rejected');
		const fromA = await pushEvents(db(), w.leadA, [needEvent('need_cancelled', who(w.leadA), own, { note: '' })], 0);
		expect(fromA[0].status).toBe('rejected');
		// A's lead never receives B's copy of the door.
		expect((await everything(db(), w.leadA)).foreignDoors).toEqual([]);
	});

	it('records the taken-on request only under a device of B: for the office’s device it refuses and stores nothing', async () => {
		const w = await world();
		const rows = await db().all<EventRow>('SELECT body, volunteer, received_at FROM events WHERE team_id = ?', [
			w.leadA.teamId
		]);
		const need = foldNeeds(rows.map(storedEvent)).get('need-up')!;
		const from = { id: w.leadA.teamId, name: '甲' };
		// On PostgreSQL no reference on events checks that the device is the team's any more.
		const taken = db().tx((tx) => openAsOwnRequest(tx, w.office, TEAM_B.id, from, w.household.id, need, new Date()));
		expect(await status(taken)).toBe(403);
		const inB = await db().get<{ events: number; doors: number }>(
			'SELECT (SELECT COUNT(*) FROM events WHERE team_id = ?) AS events, (SELECT COUNT(*) FROM households WHERE team_id = ? AND foreign_of IS NOT NULL) AS doors',
			[TEAM_B.id, TEAM_B.id]
		);
		expect({ events: Number(inB?.events), doors: Number(inB?.doors) }).toEqual({ events: 0, doors: 0 });
	});

	it('a foreign door never counts in B’s roster: coverage, re-import diff, desk search', async () => {
		const w = await world();
		const before = (await overview(db(), w.office)).communities.find((c) => c.id === TEAM_B.id)!;
		await takeOn(w);
		const after = (await overview(db(), w.office)).communities.find((c) => c.id === TEAM_B.id)!;
		expect(after.households).toBe(before.households);
		expect(after.people).toBe(before.people);
		// Re-importing B's roster: the foreign door is neither "not in the roster" nor touched.
		const outcome = await importRoster(db(), w.leadB, {
			households: [
				{
					building: '1',
					unit: '1',
					floor: 1,
					room: '101',
					head: '乙户',
					phone: '10000000000',
					residents: 2,
					tags: [],
					note: ''
				}
			],
			dryRun: true
		});
		expect(outcome).toMatchObject({ ok: true, result: { created: 0, unchanged: 1, notInRoster: 0 } });
		// The desk's household search lists B's roster only.
		await setDesk(db(), w.leadB, w.runner.deviceId, true);
		const desk = await deskRoster(db(), w.runner);
		expect(desk.households.map((h) => h.id)).toEqual([TEAM_B.household]);
		// A volunteer of B who sees the whole team (no area) does not get the door either.
		expect((await everything(db(), w.runner)).households.map((h) => h.id)).toEqual([TEAM_B.household]);
	});
});
