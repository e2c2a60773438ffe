import { describe, expect, it } from 'vitest';
import { care, PERSON } from '$tests/support/care';
import { foldCare } from '$lib/domain/care/fold';
import { MASKED_TAG } from '$lib/domain/constants';
import { refillIds } from '$lib/domain/care/requests';
import { foldNeeds } from '$lib/domain/needs/fold';
import { created } from '$tests/support/needs';
import type { NeedEvent } from '$lib/domain/schemas';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { pull } from '../pull';
import { pushEvents } from '../push';
import { importRoster } from '../roster';
import { APP_KINDS, assign, demoTeam, device, DEMO, secondTeam } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';

const HH = 'demo-1-1-101';
const as = <T extends { deviceId: string; volunteer: string }>(auth: DeviceAuth, e: T): T => ({
	...e,
	deviceId: auth.deviceId,
	volunteer: auth.volunteer
});
const at = '2026-11-23T02:00:00.000Z';
const about = { personId: 'p-zhang', householdId: HH };

/** Everything a device would hold after a full pull from 0 (pages followed to the end). */
async function everything(db: Db, auth: DeviceAuth) {
	let cursor = 0;
	let scope = 0;
	const events = [];
	const households = [];
	for (;;) {
		const page = await pull(db, auth, cursor, 1000, scope, APP_KINDS);
		if (page.resync) {
			cursor = 0;
			scope = page.scope;
			continue;
		}
		events.push(...page.events);
		households.push(...page.households);
		cursor = page.cursor;
		scope = page.scope;
		if (!page.more) return { events, households, cursor, scope, text: JSON.stringify(events) };
	}
}

describe.each(STORES)('care ledger on the server ($name)', (kind) => {
	const db = freshStore(kind);

	it('volunteers add, correct and check in; only leads pair and set plans; bad references are refused by name', async () => {
		const t = await demoTeam(db());
		const added = as(t.volunteer, care.person(at, about));
		const fixed = as(t.volunteer, care.correct(at, { dialect: '淄博话' }, about));
		const called = as(t.volunteer, care.check(at, 'well', about));
		const pairByVolunteer = as(t.volunteer, care.pair(at, t.volunteer.deviceId, about));
		const planByVolunteer = as(t.volunteer, care.plan(at, {}, about));
		const stranger = as(t.volunteer, care.check(at, 'well', { ...about, personId: 'p-nobody' }));
		const wrongHouse = as(t.volunteer, care.check(at, 'well', { ...about, householdId: 'demo-1-1-102' }));
		const forged = as(t.volunteer, care.person(at, { ...about, personId: 'p-forged', fromRoster: true }));
		const results = await pushEvents(
			db(),
			t.volunteer,
			[added, fixed, called, pairByVolunteer, planByVolunteer, stranger, wrongHouse, forged],
			0
		);
		expect(results.map((r) => r.status)).toEqual([
			'accepted',
			'accepted',
			'accepted',
			'rejected',
			'rejected',
			'rejected',
			'rejected',
			'rejected'
		]);
		expect(results[3].reason).toMatch(/only a team lead may pair/);
		expect(results[4].reason).toMatch(/only a team lead may set check-in plans/);
		expect(results[5].reason).toMatch(/^personId: no person p-nobody/);
		expect(results[6].reason).toMatch(/^householdId: person p-zhang is not in household demo-1-1-102/);
		expect(results[7].reason).toMatch(/^fromRoster:/);

		const other = await secondTeam(db());
		const lead = [
			as(t.lead, care.pair(at, t.volunteer.deviceId, about)),
			as(t.lead, care.plan(at, {}, about)),
			as(t.lead, care.pair(at, other.volunteer.deviceId, about))
		];
		const answers = await pushEvents(db(), t.lead, lead, 0);
		expect(answers.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected']);
		expect(answers[2].reason).toMatch(/^pairedDeviceId: no device/);
		// The other team cannot speak about this team's people.
		const [foreign] = await pushEvents(db(), other.volunteer, [as(other.volunteer, care.check(at, 'well', about))], 0);
		expect(foreign.status).toBe('rejected');

		const s = foldCare((await everything(db(), t.lead)).events).get('p-zhang');
		expect(s).toMatchObject({
			person: { dialect: '淄博话' },
			pair: { deviceId: t.volunteer.deviceId },
			plan: { callDaily: true }
		});
	});

	it('least data: a person’s entry reaches the leads, the volunteers of that area and the paired volunteer, nobody else', async () => {
		const t = await demoTeam(db());
		await db().run('UPDATE teams SET full_when_unassigned = 0');
		const inArea = await device(db(), DEMO.volunteerCode, '同楼');
		const elsewhere = await device(db(), DEMO.volunteerCode, '别楼');
		const unassigned = await device(db(), DEMO.volunteerCode, '未分配');
		const paired = await device(db(), DEMO.volunteerCode, '结对');
		await assign(db(), inArea, '1');
		await assign(db(), elsewhere, '2');
		await assign(db(), paired, '3');
		const name = '隐私测试奶奶';
		const person = { ...PERSON, name, categories: ['慢性病'], note: '胰岛素' };
		await pushEvents(db(), inArea, [as(inArea, care.person(at, { ...about, person }))], 0);
		const before = await everything(db(), paired);
		expect(before.text).not.toContain(name);
		await pushEvents(db(), t.lead, [as(t.lead, care.pair(at, paired.deviceId, about))], 0);
		await pushEvents(db(), paired, [as(paired, care.check(at, 'no_answer', about))], 0);

		// The paired volunteer's next pull starts over and then holds her entry and history.
		const next = await pull(db(), paired, before.cursor, 1000, before.scope, APP_KINDS);
		expect(next.resync).toBe('scope-changed');
		for (const who of [t.lead, inArea, paired]) {
			const got = await everything(db(), who);
			expect(got.text).toContain(name);
			expect(foldCare(got.events).get('p-zhang')?.misses).toBe(1);
		}
		// The paired volunteer, whose area is building 3, gets her door too, masked like an
		// unassigned volunteer's view: the place, no head's name or phone, no note, no care tags.
		const row = await db().get<{ head: string; phone: string }>('SELECT head, phone FROM households WHERE id = ?', [
			HH
		]);
		const door = (await everything(db(), paired)).households.find((h) => h.id === HH);
		expect(door).toMatchObject({ building: '1', unit: '1', room: '101', note: '' });
		expect(door?.head).not.toBe(row?.head);
		expect(door?.phone).not.toBe(row?.phone);
		expect(door?.tags.every((tag) => tag === MASKED_TAG)).toBe(true);
		expect((await everything(db(), paired)).households.every((h) => h.id === HH || h.building === '3')).toBe(true);
		expect((await everything(db(), inArea)).households.find((h) => h.id === HH)?.head).toBe(row?.head);
		for (const who of [elsewhere, unassigned]) {
			const got = await everything(db(), who);
			const seen = got.households.find((h) => h.id === HH);
			// Building 2 never receives it; the unassigned see every door masked, as before.
			if (who === elsewhere) expect(seen).toBeUndefined();
			else expect(seen?.head).not.toBe(row?.head);
			expect(got.text).not.toContain(name);
			expect(got.text).not.toContain('胰岛素');
			expect(got.events.some((e) => e.type.startsWith('care_'))).toBe(false);
		}

		// Unpaired: the volunteer rebuilds its copy without her.
		const held = await everything(db(), paired);
		await pushEvents(db(), t.lead, [as(t.lead, care.pair('2026-11-23T03:00:00.000Z', null, about))], 0);
		expect((await pull(db(), paired, held.cursor, 1000, held.scope, APP_KINDS)).resync).toBe('scope-changed');
		expect((await everything(db(), paired)).text).not.toContain(name);
		expect((await everything(db(), paired)).households.some((h) => h.id === HH)).toBe(false);
	});

	it('roster tags fill the ledger; a re-import keeps field corrections and names where file and field disagree', async () => {
		const t = await demoTeam(db());
		const row = (over: Record<string, unknown>) => ({
			building: '9',
			unit: '1',
			floor: 1,
			room: '101',
			head: '赵秀兰',
			phone: '10000000009',
			residents: 1,
			tags: ['独居老人'],
			note: '',
			...over
		});
		const file = [
			row({}),
			row({ room: '102', head: '钱红', tags: ['孕妇', '医护家庭'] }),
			row({ room: '103', head: '孙', tags: [] })
		];
		const first = await importRoster(db(), t.lead, { households: file });
		if (!first.ok) throw new Error('import refused');
		expect(first.result.care).toEqual({ added: 2, updated: 0, disagreements: [] });
		let ledger = foldCare((await everything(db(), t.lead)).events);
		expect([...ledger.values()].map((s) => [s.person.name, s.person.categories])).toEqual([
			['赵秀兰', ['独居老人']],
			['钱红', ['孕妇', '医护家属']]
		]);
		const zhao = [...ledger.values()].find((s) => s.person.name === '赵秀兰')!;
		const qian = [...ledger.values()].find((s) => s.person.name === '钱红')!;
		// At the door a volunteer corrects her name and adds a neighbour the file never listed.
		const ref = { personId: zhao.id, householdId: zhao.householdId };
		const added = { personId: 'p-field', householdId: zhao.householdId };
		await pushEvents(
			db(),
			t.volunteer,
			[
				as(t.volunteer, care.correct(at, { name: '赵秀英', categories: ['独居老人', '需要轮椅'] }, ref)),
				as(t.volunteer, care.person(at, { ...added, person: { ...PERSON, name: '门口新增' } }))
			],
			0
		);
		// The new file calls her by the old name, drops 独居老人 and changes the other's tags.
		const again = await importRoster(db(), t.lead, {
			households: [
				row({ tags: ['慢性病'] }),
				row({ room: '102', head: '钱红', tags: ['孕妇'] }),
				row({ room: '103', head: '孙', tags: [] })
			]
		});
		if (!again.ok) throw new Error('import refused');
		expect(again.result.care?.added).toBe(0);
		expect(again.result.care?.updated).toBe(1);
		expect(again.result.care?.disagreements).toEqual([
			{ personId: zhao.id, householdId: zhao.householdId, field: 'name', file: '赵秀兰', ledger: '赵秀英' },
			{ personId: zhao.id, householdId: zhao.householdId, field: 'categories', file: '慢性病', ledger: '独居老人' }
		]);
		ledger = foldCare((await everything(db(), t.lead)).events);
		expect(ledger.get(zhao.id)?.person).toMatchObject({ name: '赵秀英', categories: ['独居老人', '需要轮椅'] });
		expect(ledger.get(qian.id)?.person.categories).toEqual(['孕妇']);
		expect(ledger.get('p-field')?.person.name).toBe('门口新增');
		// A third identical import changes nothing more.
		const third = await importRoster(db(), t.lead, {
			households: [row({ tags: ['慢性病'] }), row({ room: '102', head: '钱红', tags: ['孕妇'] })]
		});
		expect(third.ok && third.result.care?.updated).toBe(0);
	});
	it('a refill request made by two devices (the pair moved while the old phone was offline) is kept once', async () => {
		const t = await demoTeam(db());
		const second = await device(db(), DEMO.volunteerCode, '第二位志愿者');
		expect((await pushEvents(db(), t.volunteer, [as(t.volunteer, care.person(at, about))], 0))[0].status).toBe(
			'accepted'
		);
		const ids = refillIds(about.personId, '2026-11-23');
		const handed = (auth: DeviceAuth) => [
			{
				...created(auth, { needId: ids.needId, householdId: HH }, {
					kind: 'special_medicine',
					note: '张奶奶'
				} as Partial<NeedEvent>),
				id: ids.needEventId
			},
			as(auth, care.check(at, 'requested', { ...about, id: ids.checkEventId, duty: 'refill', needId: ids.needId }))
		];
		const first = await pushEvents(db(), t.volunteer, handed(t.volunteer), 0);
		const again = await pushEvents(db(), second, handed(second), 0);
		expect(first.map((r) => r.status)).toEqual(['accepted', 'accepted']);
		expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
		const { events } = await everything(db(), t.lead);
		expect([...foldNeeds(events).keys()]).toEqual([ids.needId]);
		expect(events.filter((e) => e.id === ids.checkEventId).map((e) => e.deviceId)).toEqual([t.volunteer.deviceId]);
		const wrongDuty = as(t.volunteer, care.check(at, 'requested', { ...about, duty: 'call' }));
		expect((await pushEvents(db(), t.volunteer, [wrongDuty], 0))[0].reason).toMatch(/^result: only a refill/);
	});
});
