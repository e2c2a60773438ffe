import { describe, expect, it } from 'vitest';
import { created, done, needEvent } from '$tests/support/needs';
import type { DeviceAuth } from '../auth';
import { migrate, stepIndex } from '../db/migrate';
import { pushEvents } from '../push';
import { teamCounters } from '../seq';
import { assign, demoTeam, device, DEMO, syncFrom, type PullPoint } from '../testing/fixtures';
import { storeBefore } from '../testing/old-store';
import { STORES, freshStore } from '../testing/stores';

const BACKFILL = stepIndex('backfill need_holders');
const HELD = 'demo-1-1-101';
const SETTLED = 'demo-1-1-102';
const who = (a: DeviceAuth) => ({ deviceId: a.deviceId, volunteer: a.volunteer });
const to = (a: DeviceAuth) => ({ deviceId: a.deviceId, name: a.volunteer });

describe.each(STORES)('need_holders filled for requests held before it existed, on $name', (kind) => {
	const db = freshStore(kind);

	/**
	 * A store at the step before the backfill, with what a server from before need_holders left:
	 * the requests and their events, and no holders (the push of today writes them: forgotten).
	 */
	async function oldStore() {
		await storeBefore(db(), BACKFILL);
		const t = await demoTeam(db());
		const other = await device(db(), DEMO.volunteerCode, '李四');
		await assign(db(), t.volunteer, '3');
		await assign(db(), other, '3');
		return { ...t, other };
	}
	const forgetHolders = async () => {
		await db().run('DELETE FROM need_hold_changes');
		await db().run('DELETE FROM need_holders');
	};

	const sync = (auth: DeviceAuth, from: PullPoint) => syncFrom(db(), auth, from);
	const start = { cursor: 0, scope: 0 };
	const household = (page: { households: { id: string; head: string; phone: string }[] }, id: string) =>
		page.households.find((h) => h.id === id);
	const roster = async (teamId: string, id: string) =>
		db().get<{ head: string; phone: string }>('SELECT head, phone FROM households WHERE team_id = ? AND id = ?', [
			teamId,
			id
		]);

	it('the holder outside their area gets the name and phone after the upgrade; done and cancelled give no holder', async () => {
		const t = await oldStore();
		const held = { needId: 'need-held', householdId: HELD };
		const doneN = { needId: 'need-done', householdId: SETTLED };
		const cancelled = { needId: 'need-cancelled', householdId: SETTLED };
		await pushEvents(
			db(),
			t.lead,
			[
				created(who(t.lead), held),
				needEvent('need_dispatched', who(t.lead), held, { to: null }),
				created(who(t.lead), doneN),
				needEvent('need_dispatched', who(t.lead), doneN, { to: to(t.other) }),
				created(who(t.lead), cancelled),
				needEvent('need_dispatched', who(t.lead), cancelled, { to: to(t.other) })
			],
			0
		);
		await pushEvents(
			db(),
			t.volunteer,
			[needEvent('need_claimed', who(t.volunteer), held, {}), needEvent('need_on_the_way', who(t.volunteer), held, {})],
			0
		);
		await pushEvents(db(), t.other, [done(who(t.other), doneN)], 0);
		await pushEvents(db(), t.lead, [needEvent('need_cancelled', who(t.lead), cancelled, { note: '' })], 0);
		await forgetHolders();
		// What each device holds under the old server: the doors only.
		const mine = await sync(t.volunteer, start);
		const theirs = await sync(t.other, start);
		expect(household(mine.page, HELD)).toBeUndefined();
		expect(household(theirs.page, SETTLED)).toBeUndefined();
		const { seq } = await teamCounters(db(), t.lead.teamId);

		await migrate(db());

		expect(
			await db().all('SELECT need_id, household_id, device_id FROM need_holders WHERE team_id = ? ORDER BY need_id', [
				t.lead.teamId
			])
		).toEqual([
			{ need_id: 'need-cancelled', household_id: SETTLED, device_id: null },
			{ need_id: 'need-done', household_id: SETTLED, device_id: null },
			{ need_id: 'need-held', household_id: HELD, device_id: t.volunteer.deviceId }
		]);
		// One new cursor value of the team, for the one hold change.
		expect(await teamCounters(db(), t.lead.teamId)).toMatchObject({ seq: seq + 1 });
		expect(await db().all('SELECT device_id, need_id, seq FROM need_hold_changes')).toEqual([
			{ device_id: t.volunteer.deviceId, need_id: 'need-held', seq: seq + 1 }
		]);
		const after = await sync(t.volunteer, mine.at);
		expect(after.resync).toBe(true);
		expect(household(after.page, HELD)).toMatchObject((await roster(t.lead.teamId, HELD)) ?? {});
		// The volunteer who finished one and lost the other carries on: nothing to rebuild, no phone.
		const still = await sync(t.other, theirs.at);
		expect(still.resync).toBe(false);
		expect(household((await sync(t.other, start)).page, SETTLED)).toBeUndefined();
		expect(JSON.stringify((await sync(t.other, start)).page)).not.toContain(
			(await roster(t.lead.teamId, SETTLED))?.phone
		);
	});

	it('a holder inside their area, and a row a push already wrote, change nothing: no cursor value, no resync', async () => {
		const t = await oldStore();
		await assign(db(), t.other, '1');
		const near = { needId: 'need-near', householdId: HELD };
		const kept = { needId: 'need-kept', householdId: SETTLED };
		await pushEvents(
			db(),
			t.lead,
			[
				created(who(t.lead), near),
				needEvent('need_dispatched', who(t.lead), near, { to: to(t.other) }),
				created(who(t.lead), kept)
			],
			0
		);
		await forgetHolders();
		// A request pushed since need_holders existed: its holder row and hold change are right.
		await pushEvents(db(), t.lead, [needEvent('need_dispatched', who(t.lead), kept, { to: to(t.volunteer) })], 0);
		const mine = await sync(t.volunteer, start);
		const theirs = await sync(t.other, start);
		expect(household(mine.page, SETTLED)?.phone).toBeTruthy();
		const changes = await db().all('SELECT device_id, need_id, seq FROM need_hold_changes');
		const counters = await teamCounters(db(), t.lead.teamId);

		await migrate(db());

		expect(
			await db().all('SELECT need_id, device_id FROM need_holders WHERE team_id = ? ORDER BY need_id', [t.lead.teamId])
		).toEqual([
			{ need_id: 'need-kept', device_id: t.volunteer.deviceId },
			{ need_id: 'need-near', device_id: t.other.deviceId }
		]);
		expect(await db().all('SELECT device_id, need_id, seq FROM need_hold_changes')).toEqual(changes);
		expect(await teamCounters(db(), t.lead.teamId)).toEqual(counters);
		expect((await sync(t.volunteer, mine.at)).resync).toBe(false);
		expect((await sync(t.other, theirs.at)).resync).toBe(false);
	});
});
