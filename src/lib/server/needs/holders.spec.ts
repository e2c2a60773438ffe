import { describe, expect, it } from 'vitest';
import { created, done, needEvent } from '$tests/support/needs';
import type { DeviceAuth } from '../auth';
import { pushEvents } from '../push';
import { assign, demoTeam, device, DEMO, syncFrom, type PullPoint } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';

const H = 'demo-1-1-101';
const who = (a: DeviceAuth) => ({ deviceId: a.deviceId, volunteer: a.volunteer });
const to = (a: DeviceAuth) => ({ deviceId: a.deviceId, name: a.volunteer });

describe.each(STORES)('the holder of a request outside their area on $name', (kind) => {
	const db = freshStore(kind);

	/** Two volunteers of building 3 and a request of building 1 in the pool. */
	async function setUp(needId: string) {
		const t = await demoTeam(db());
		const other = await device(db(), DEMO.volunteerCode, '李四');
		await assign(db(), t.volunteer, '3');
		await assign(db(), other, '3');
		const N = { needId, householdId: H };
		await pushEvents(
			db(),
			t.lead,
			[created(who(t.lead), N), needEvent('need_dispatched', who(t.lead), N, { to: null })],
			0
		);
		const roster = await db().get<{ head: string; phone: string }>(
			'SELECT head, phone FROM households WHERE team_id = ? AND id = ?',
			[t.lead.teamId, H]
		);
		if (!roster) throw new Error('no demo household');
		return { ...t, other, N, roster };
	}

	const sync = (auth: DeviceAuth, from: PullPoint) => syncFrom(db(), auth, from);
	const start = { cursor: 0, scope: 0 };
	const household = (page: { households: { id: string; head: string; phone: string }[] }) =>
		page.households.find((h) => h.id === H);

	it('the claimer gets the head and phone; another volunteer outside the area does not', async () => {
		const t = await setUp('need-held');
		const before = await sync(t.volunteer, start);
		expect(household(before.page)).toBeUndefined();
		await pushEvents(db(), t.volunteer, [needEvent('need_claimed', who(t.volunteer), t.N, {})], 0);
		const after = await sync(t.volunteer, before.at);
		expect(after.resync).toBe(true);
		expect(household(after.page)).toMatchObject({ head: t.roster.head, phone: t.roster.phone });
		// Its events' notes are not widened: only the household row.
		const other = await sync(t.other, start);
		expect(household(other.page)).toBeUndefined();
		expect(JSON.stringify(other.page)).not.toContain(t.roster.phone);
	});

	it('a second, later claim does not give the phone: the first received holds it', async () => {
		const t = await setUp('need-race');
		await pushEvents(db(), t.other, [needEvent('need_claimed', who(t.other), t.N, {})], 0);
		await pushEvents(db(), t.volunteer, [needEvent('need_claimed', who(t.volunteer), t.N, {})], 0);
		expect(household((await sync(t.volunteer, start)).page)).toBeUndefined();
		expect(household((await sync(t.other, start)).page)?.phone).toBe(t.roster.phone);
	});

	it('reassigned: the old holder’s next pull drops it, the new holder gets it', async () => {
		const t = await setUp('need-moved');
		await pushEvents(db(), t.lead, [needEvent('need_dispatched', who(t.lead), t.N, { to: to(t.volunteer) })], 0);
		const held = await sync(t.volunteer, start);
		expect(household(held.page)?.phone).toBe(t.roster.phone);
		await pushEvents(db(), t.lead, [needEvent('need_dispatched', who(t.lead), t.N, { to: to(t.other) })], 0);
		const dropped = await sync(t.volunteer, held.at);
		expect(dropped.resync).toBe(true);
		expect(household(dropped.page)).toBeUndefined();
		expect(household((await sync(t.other, start)).page)?.phone).toBe(t.roster.phone);
	});

	it('done or cancelled: the holder no longer receives it', async () => {
		const t = await setUp('need-done');
		await pushEvents(db(), t.volunteer, [needEvent('need_claimed', who(t.volunteer), t.N, {})], 0);
		const held = await sync(t.volunteer, start);
		expect(household(held.page)?.phone).toBe(t.roster.phone);
		await pushEvents(db(), t.volunteer, [done(who(t.volunteer), t.N)], 0);
		const after = await sync(t.volunteer, held.at);
		expect(after.resync).toBe(true);
		expect(household(after.page)).toBeUndefined();

		const c = { needId: 'need-cancelled', householdId: H };
		await pushEvents(
			db(),
			t.lead,
			[created(who(t.lead), c), needEvent('need_dispatched', who(t.lead), c, { to: to(t.other) })],
			0
		);
		const other = await sync(t.other, start);
		expect(household(other.page)?.phone).toBe(t.roster.phone);
		await pushEvents(db(), t.lead, [needEvent('need_cancelled', who(t.lead), c, { note: '' })], 0);
		expect(household((await sync(t.other, other.at)).page)).toBeUndefined();
	});

	it('a holder inside their area changes nothing of what it sees: no resync', async () => {
		const t = await demoTeam(db());
		await assign(db(), t.volunteer, '1');
		const N = { needId: 'need-near', householdId: H };
		await pushEvents(db(), t.lead, [created(who(t.lead), N)], 0);
		const before = await sync(t.volunteer, start);
		expect(household(before.page)?.phone).toBeTruthy();
		await pushEvents(db(), t.lead, [needEvent('need_dispatched', who(t.lead), N, { to: to(t.volunteer) })], 0);
		expect((await sync(t.volunteer, before.at)).resync).toBe(false);
	});
});
