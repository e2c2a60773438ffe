import { expect, test } from '@playwright/test';
import { chooseUnit, enrol, enrolLead, serverStore } from './helpers';
import { addPersonAtDoor, importCareRoster, serverCount, syncNow } from './care-flows';

const DAY = 86_400_000;

test('the care ledger: roster tags → ledger, pairing, a call due offline the next day, two misses raised, a person added at the door kept by a re-import', async ({
	page: lead,
	browser
}) => {
	test.setTimeout(120_000);
	await enrolLead(lead, '关怀队长');
	await importCareRoster(lead);
	await expect(lead.getByTestId('import-care')).toContainText('新增 2 人');

	// Other tests share this server's team: look at building 9, which only this test's roster holds.
	const onlyBuilding9 = async () => {
		await lead.goto('/lead/care');
		await lead.locator('#ledger-building').selectOption('9');
	};
	await onlyBuilding9();
	const ledger = lead.getByTestId('ledger');
	await expect(ledger.getByTestId('ledger-row')).toHaveCount(2);
	await expect(ledger).toContainText('周桂兰');
	await expect(ledger).toContainText('吴敏');
	await lead.getByTestId('ledger-category').selectOption('孕妇');
	await expect(ledger.getByTestId('ledger-row')).toHaveCount(1);
	await lead.getByTestId('ledger-category').selectOption({ index: 0 });

	// A volunteer on a phone of their own.
	const phone = await (await browser.newContext()).newPage();
	await enrol(phone, '关怀志愿者');

	// The lead pairs 周桂兰 with the volunteer and sets a daily call.
	await ledger.getByTestId('ledger-row').filter({ hasText: '周桂兰' }).click();
	await lead.getByTestId('pair-关怀志愿者').click();
	await expect(lead.getByTestId('ledger-told')).toContainText('关怀志愿者');
	await lead.getByTestId('plan-save').click();
	await expect(lead.getByTestId('ledger-told')).toContainText('计划已保存');
	await expect.poll(() => serverCount('care_plan', '9')).toBe(1);
	await expect.poll(() => serverCount('care_pair', '9')).toBe(1);

	// The volunteer syncs, then the next day goes offline: the call is due, a day late.
	await syncNow(phone);
	await phone.clock.setFixedTime(new Date(Date.now() + DAY));
	await phone.context().setOffline(true);
	await phone.goto('/care');
	const item = phone.getByTestId('care-item').filter({ hasText: '周桂兰' });
	await expect(item).toContainText('电话问候');
	await expect(item).toContainText('逾期 1 天');
	await item.getByTestId('care-no_answer').click();
	await expect(item.getByTestId('care-misses')).toContainText('连续 1 次无人接听');
	await item.getByTestId('care-no_answer').click();
	await expect(item.getByTestId('care-misses')).toContainText('已上报组长');

	// At a door, still offline, the volunteer finds a neighbour who lives alone and adds her.
	await phone.goto('/grid');
	await chooseUnit(phone, '9', '1');
	const room = serverStore((db) =>
		db.prepare("SELECT id FROM households WHERE building = '9' AND unit = '1' AND room = '201'").get()
	) as { id: string };
	await addPersonAtDoor(phone, room.id, '郑奶奶');
	// Her entry is on the household's record sheet now, and a correction is one more event.
	await phone.getByTestId(`chip-${room.id}`).click();
	await phone.getByTestId('care-person').filter({ hasText: '郑奶奶' }).click();
	await phone.getByTestId('care-mobility-bedridden').click();
	await phone.getByTestId('care-save').click();
	await expect(phone.getByTestId('care-saved')).toContainText('已保存');
	expect(serverCount('care_check', '9')).toBe(0);

	// Back online: everything reaches the server and the lead.
	await phone.context().setOffline(false);
	await syncNow(phone);
	await expect.poll(() => serverCount('care_check', '9')).toBe(2);
	expect(serverCount('care_correct', '9')).toBe(1);
	await onlyBuilding9();
	await expect(ledger.getByTestId('ledger-row')).toHaveCount(3);
	await expect(
		ledger.getByTestId('ledger-row').filter({ hasText: '周桂兰' }).getByTestId('ledger-raised')
	).toBeVisible();
	await expect(lead.getByTestId('ledger-missed')).toContainText('关怀志愿者');
	await expect(ledger).toContainText('郑奶奶');
	// The coverage screen shows it too, by volunteer.
	await lead.goto('/lead');
	await expect(lead.getByTestId('coverage-care-missed')).toContainText('关怀志愿者');

	// A re-import of the same file keeps her (and everyone).
	await importCareRoster(lead);
	await expect(lead.getByTestId('import-care')).toContainText('新增 0 人');
	await onlyBuilding9();
	await expect(ledger.getByTestId('ledger-row')).toHaveCount(3);
	await expect(ledger).toContainText('郑奶奶');

	// The 台账 exports as .xlsx, one row a person.
	const [download] = await Promise.all([lead.waitForEvent('download'), lead.getByTestId('ledger-export').click()]);
	expect(download.suggestedFilename()).toMatch(/需帮扶人员台账.*\.xlsx$/);

	// Care goes to the needs desk. The lead adds a monthly refill to 周桂兰's plan.
	await onlyBuilding9();
	await ledger.getByTestId('ledger-row').filter({ hasText: '周桂兰' }).click();
	await lead.locator('#plan-refill').fill('30');
	await lead.getByTestId('plan-save').click();
	await expect(lead.getByTestId('ledger-told')).toContainText('计划已保存');
	await expect.poll(() => serverCount('care_plan', '9')).toBe(2);
	// The paired phone (its clock still a day ahead) opens its today list: the refill is due and
	// becomes a 买药 request by itself, once, however often the list is opened.
	await syncNow(phone);
	await phone.goto('/care');
	const zhou = phone.getByTestId('care-item').filter({ hasText: '周桂兰' });
	await expect(zhou).toHaveCount(1);
	await expect(zhou).toContainText('电话问候');
	await expect(zhou.getByTestId('care-place')).toHaveText('9号楼1单元 101');
	await phone.reload();
	await syncNow(phone);
	await phone.goto('/care');
	await syncNow(phone);
	await expect.poll(() => serverCount('need_created', '9')).toBe(1);
	const kinds = () =>
		(
			serverStore((db) =>
				db
					.prepare(
						"SELECT n.kind FROM needs n JOIN households h ON h.id = n.household_id WHERE h.building = '9' ORDER BY n.kind"
					)
					.all()
			) as { kind: string }[]
		).map((r) => r.kind);
	expect(kinds()).toEqual(['medicine']);
	// "Needs something" on the call: one short step (type and items) starts a request for her household.
	await phone.goto('/care');
	await zhou.getByTestId('care-needs').click();
	await zhou.getByTestId('care-need-kind').selectOption('shopping');
	await zhou.getByTestId('care-need-items').fill('大米,鸡蛋');
	await zhou.getByTestId('care-need-send').click();
	await expect(phone.getByTestId('care-told')).toContainText('已转需求台');
	// The call is made and the need is the desk's: nothing of hers is left on today's list.
	await expect(zhou).toHaveCount(0);
	await syncNow(phone);
	await expect.poll(() => serverCount('need_created', '9')).toBe(2);
	expect(kinds()).toEqual(['medicine', 'shopping']);
	// The lead's board lists both, each naming her.
	await lead.goto('/lead/needs');
	await expect(lead.getByText('大米')).toBeVisible();
	await expect(lead.locator('p.muted', { hasText: '周桂兰' })).toHaveCount(2);
	await phone.context().close();
});
