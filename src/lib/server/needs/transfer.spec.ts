import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NeedEvent } from '$lib/domain/schemas';
import { created, needEvent } from '$tests/support/needs';
import type { DeviceAuth } from '../auth';
import { HttpError } from '../errors';
import { admin } from '../lead/testing';
import { createOrg } from '../org/teams';
import { adminCloseTeam, adminCreateTeam } from '../org/admin';
import { pushEvents } from '../push';
import { demoTeam, device, secondTeam, TEAM_B } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import { httpStatus } from '../testing/http-status';
import { escalations, passNeed, stepTransfer, transfers } from './transfer';

const who = (a: DeviceAuth) => ({ deviceId: a.deviceId, volunteer: a.volunteer });
const status = httpStatus;

describe.each(STORES)('escalation across communities on $name', (kind) => {
	const db = freshStore(kind);

	/** Team A (the demo) with one request its lead escalated and one it did not; team B; the office. */
	async function world() {
		const t = await demoTeam(db());
		await secondTeam(db());
		const leadB = await device(db(), TEAM_B.leadCode, '乙队长');
		const office = await admin(db());
		const h = (await db().get<{ id: string; phone: string }>(
			'SELECT id, phone FROM households WHERE team_id = ? ORDER BY id LIMIT 1',
			[t.lead.teamId]
		))!;
		const up = { needId: 'need-up', householdId: h.id };
		const kept = { needId: 'need-kept', householdId: h.id };
		const pushed = await pushEvents(
			db(),
			t.lead,
			[
				created(who(t.lead), up, {
					kind: 'medicine',
					items: ['胰岛素'],
					urgency: 'medicine',
					note: '独居老人，下午在家'
				} as Partial<NeedEvent>),
				needEvent('need_escalated', who(t.lead), up, { note: '本社区没有会开车的' }),
				created(who(t.lead), kept)
			],
			0
		);
		expect(pushed.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
		return { ...t, leadB, office, household: h, up };
	}

	it('the administrator sees the escalated requests of every community, least data only', async () => {
		const w = await world();
		const list = await escalations(db(), w.office);
		expect(list.needs.map((n) => n.needId)).toEqual(['need-up']);
		const [n] = list.needs;
		expect(n).toMatchObject({
			team: { id: w.lead.teamId },
			kind: 'medicine',
			urgency: 'medicine',
			items: ['胰岛素'],
			passed: null
		});
		expect(Object.keys(n).sort()).toEqual([
			'askedAt',
			'channel',
			'escalatedAt',
			'items',
			'kind',
			'needId',
			'passed',
			'place',
			'team',
			'urgency'
		]);
		const text = JSON.stringify(list);
		expect(text).not.toContain(w.household.phone);
		expect(text).not.toContain('独居老人');
		expect(list.teams.map((t) => t.id)).toEqual(expect.arrayContaining([w.lead.teamId, TEAM_B.id]));
		// Leads and volunteers are not the office.
		expect(await status(escalations(db(), w.lead))).toBe(403);
		expect(await status(escalations(db(), w.volunteer))).toBe(403);
	});

	it('passed to team B: B’s lead sees its history, door and phone; A’s lead sees where it went and its outcome', async () => {
		const w = await world();
		expect(await passNeed(db(), w.office, { from: w.lead.teamId, needId: 'need-up', to: TEAM_B.id })).toEqual({
			needId: 'need-up',
			to: TEAM_B.id,
			state: 'passed'
		});
		const b = await transfers(db(), w.leadB);
		expect(b.outgoing).toEqual([]);
		expect(b.incoming).toHaveLength(1);
		const [inc] = b.incoming;
		expect(inc).toMatchObject({
			needId: 'need-up',
			from: { id: w.lead.teamId },
			kind: 'medicine',
			channel: 'phone',
			askedAt: '2026-11-23T08:00:00.000Z',
			phone: w.household.phone,
			items: ['胰岛素'],
			note: '独居老人，下午在家',
			state: 'passed'
		});
		// The head's phone and the door, nothing else of the household: no name, residents or tags.
		expect(Object.keys(inc).sort()).toEqual(
			[
				'askedAt',
				'channel',
				'from',
				'items',
				'kind',
				'needId',
				'note',
				'passedAt',
				'phone',
				'ownNeedId',
				'place',
				'state',
				'urgency'
			].sort()
		);
		const a = await transfers(db(), w.lead);
		expect(a.incoming).toEqual([]);
		expect(a.outgoing).toEqual([
			{ needId: 'need-up', to: { id: TEAM_B.id, name: '乙队' }, at: inc.passedAt, state: 'passed' }
		]);
		// B takes it on and finishes it; A sees each step. The office list keeps it once, as passed.
		expect(await stepTransfer(db(), w.leadB, w.lead.teamId, 'need-up', 'taken')).toMatchObject({
			needId: 'need-up',
			state: 'taken'
		});
		expect((await transfers(db(), w.lead)).outgoing[0].state).toBe('taken');
		expect(await stepTransfer(db(), w.leadB, w.lead.teamId, 'need-up', 'done')).toMatchObject({
			needId: 'need-up',
			state: 'done'
		});
		expect((await transfers(db(), w.lead)).outgoing[0].state).toBe('done');
		const office = await escalations(db(), w.office);
		expect(office.needs).toHaveLength(1);
		expect(office.needs[0].passed).toMatchObject({ to: { id: TEAM_B.id }, state: 'done' });
		// A done request takes no further step.
		expect(await status(stepTransfer(db(), w.leadB, w.lead.teamId, 'need-up', 'not_done'))).toBe(409);
		expect(await status(stepTransfer(db(), w.leadB, w.lead.teamId, 'need-up', 'taken'))).toBe(409);
	});

	it('not done is the receiving lead’s word too, straight from passed', async () => {
		const w = await world();
		await passNeed(db(), w.office, { from: w.lead.teamId, needId: 'need-up', to: TEAM_B.id });
		expect(await stepTransfer(db(), w.leadB, w.lead.teamId, 'need-up', 'not_done')).toMatchObject({
			needId: 'need-up',
			state: 'not_done'
		});
		expect((await transfers(db(), w.lead)).outgoing[0].state).toBe('not_done');
	});

	it('only an administrator of the same organisation passes, once, to another open community', async () => {
		const w = await world();
		const pass = { from: w.lead.teamId, needId: 'need-up', to: TEAM_B.id };
		// A lead cannot pass, not even its own request; a volunteer neither.
		expect(await status(passNeed(db(), w.lead, pass))).toBe(403);
		expect(await status(passNeed(db(), w.leadB, pass))).toBe(403);
		expect(await status(passNeed(db(), w.volunteer, pass))).toBe(403);
		// Another organisation's administrator: 404, nothing of ours is confirmed.
		const other = await otherAdmin();
		expect(await status(passNeed(db(), other, pass))).toBe(404);
		expect((await escalations(db(), other)).needs).toEqual([]);
		// The same community, a request not escalated, one that does not exist, a closed receiver.
		expect(await status(passNeed(db(), w.office, { ...pass, to: w.lead.teamId }))).toBe(409);
		expect(await status(passNeed(db(), w.office, { ...pass, needId: 'need-kept' }))).toBe(409);
		expect(await status(passNeed(db(), w.office, { ...pass, needId: 'no-such-need' }))).toBe(404);
		expect(await status(passNeed(db(), w.office, { ...pass, to: 'no-such-team' }))).toBe(404);
		const closed = await adminCreateTeam(db(), w.office, '已关闭社区', false);
		await adminCloseTeam(db(), w.office, closed.teamId);
		expect(await status(passNeed(db(), w.office, { ...pass, to: closed.teamId }))).toBe(409);
		expect(await count()).toBe(0);
		// Once: a second pass, to B or anywhere else, is refused with the reason.
		await passNeed(db(), w.office, pass);
		const again = await passNeed(db(), w.office, pass).catch((e: HttpError) => e);
		expect(again).toMatchObject({ status: 409, message: expect.stringContaining('already passed') });
		const third = await adminCreateTeam(db(), w.office, '中心志愿队', false);
		expect(await status(passNeed(db(), w.office, { ...pass, to: third.teamId }))).toBe(409);
		expect(await count()).toBe(1);
	});

	it('two administrators passing at once: one is let in, the other told it was already passed', async () => {
		const w = await world();
		const second = await admin(db(), '另一位管理员');
		const central = await adminCreateTeam(db(), w.office, '街道中心志愿队', false);
		const results = await Promise.all([
			status(passNeed(db(), w.office, { from: w.lead.teamId, needId: 'need-up', to: TEAM_B.id })),
			status(passNeed(db(), second, { from: w.lead.teamId, needId: 'need-up', to: central.teamId }))
		]);
		expect(results.sort()).toEqual([200, 409]);
		expect(await count()).toBe(1);
	});

	it('only the receiving lead steps a passed request; the sending lead and others get 404', async () => {
		const w = await world();
		await passNeed(db(), w.office, { from: w.lead.teamId, needId: 'need-up', to: TEAM_B.id });
		expect(await status(stepTransfer(db(), w.lead, w.lead.teamId, 'need-up', 'done'))).toBe(404);
		expect(await status(stepTransfer(db(), w.volunteer, w.lead.teamId, 'need-up', 'done'))).toBe(403);
		const volunteerB = await device(db(), TEAM_B.enrolCode, '乙志愿者');
		expect(await status(stepTransfer(db(), volunteerB, w.lead.teamId, 'need-up', 'done'))).toBe(403);
		expect(await status(transfers(db(), volunteerB))).toBe(403);
		// The office acts for B with ?team=, as for every lead endpoint.
		expect(await stepTransfer(db(), w.office, w.lead.teamId, 'need-up', 'taken', TEAM_B.id)).toMatchObject({
			state: 'taken'
		});
		expect(await status(transfers(db(), await otherAdmin(), TEAM_B.id))).toBe(404);
	});

	it('a request closed in its own community before the office acted leaves the list and cannot be passed', async () => {
		const w = await world();
		await pushEvents(db(), w.lead, [needEvent('need_cancelled', who(w.lead), w.up, { note: '' })], 0);
		expect((await escalations(db(), w.office)).needs).toEqual([]);
		expect(await status(passNeed(db(), w.office, { from: w.lead.teamId, needId: 'need-up', to: TEAM_B.id }))).toBe(409);
	});

	async function otherAdmin(): Promise<DeviceAuth> {
		const org = await db().tx((tx) => createOrg(tx, '别的街道'));
		const a = await admin(db());
		return { ...a, orgId: org.orgId };
	}

	const count = async () => (await db().get<{ n: number }>('SELECT COUNT(*) AS n FROM need_transfers'))!.n * 1;
});

describe('need_transfers queries', () => {
	it('each name org_id: the table is the organisation’s', () => {
		const text = ['transfer.ts', 'transfer-follow.ts']
			.map((f) => readFileSync(join(import.meta.dirname, f), 'utf8'))
			.join('\n');
		const sql = [...text.matchAll(/`[^`]*`|'[^'\n]*'/g)]
			.map((m) => m[0])
			.filter((q) => /\b(FROM|INTO|UPDATE)\s+need_transfers\b/.test(q));
		expect(sql.length).toBeGreaterThanOrEqual(5);
		for (const s of sql) expect(s).toContain('org_id');
	});
});
