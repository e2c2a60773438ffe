import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { enrol, enrolLead, serverStore, swReady } from './helpers';

/*
 * Issue 12: a lead starts a distribution, a survey with three questions and a disinfection
 * round; one volunteer, offline, works the distribution and the survey on the same unit; a
 * second disinfects a unit twice; after sync the lead's coverage of each round is right and
 * each export parses back with the same numbers.
 */

const roundChip = (page: Page, id: string) => page.getByTestId(`round-chip-${id}`);

async function longPress(page: Page, testid: string) {
	// In the middle of the screen, clear of the fixed filter bar.
	await page.getByTestId(testid).evaluate((el) => el.scrollIntoView({ block: 'center' }));
	const box = (await page.getByTestId(testid).boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.waitForTimeout(900);
	await page.mouse.up();
}

async function startRound(lead: Page, kind: string, fill: () => Promise<void> = async () => {}) {
	await lead.getByTestId(`new-kind-${kind}`).click();
	await fill();
	await lead.getByTestId('create-round').click();
	await expect(lead.getByTestId(`round-coverage-${kind}`)).toBeVisible();
}

/** Downloads an export and parses it back as CSV (UTF-8 with a BOM). */
async function csvOf(page: Page, ...testids: string[]): Promise<Record<string, string>[]> {
	const button = testids.reduce((l, id) => l.getByTestId(id), page.locator(':root'));
	const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
	const text = (await (await file.createReadStream()).toArray()).map((b: Buffer) => b.toString('utf8')).join('');
	return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
}

test('rounds of three kinds on the same floor grid, offline, reach the lead with the right coverage and exports', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const lead = await (await browser.newContext()).newPage();
	await enrolLead(lead, '周组长');
	await lead.goto('/lead/rounds');
	await startRound(lead, 'distribution');
	await startRound(lead, 'survey', async () => {
		await lead.getByTestId('question-1').getByTestId('question-label').fill('返乡人员?');
		await lead.getByTestId('add-question').click();
		const q2 = lead.getByTestId('question-2');
		await q2.getByTestId('question-label').fill('来自何地');
		await q2.getByTestId('question-type').selectOption('choice');
		await q2.getByTestId('question-options').fill('省内,省外');
		await lead.getByTestId('add-question').click();
		const q3 = lead.getByTestId('question-3');
		await q3.getByTestId('question-label').fill('到达天数');
		await q3.getByTestId('question-type').selectOption('number');
	});
	await startRound(lead, 'disinfection', async () => {
		await lead.getByTestId('new-floor-areas').fill('楼道');
		await lead.getByTestId('new-common-areas').fill('电梯');
		await lead.getByTestId('new-passes').fill('2');
	});

	// Volunteer A, offline, on unit 1-1: the distribution, then the survey.
	const a = await browser.newContext();
	const pa = await a.newPage();
	await enrol(pa, '甲志愿');
	await swReady(pa);
	await a.setOffline(true);
	await expect(pa.getByTestId('round-picker')).toBeVisible();
	await pa.getByTestId('round-distribution').click();
	await longPress(pa, 'round-chip-demo-1-1-101');
	await expect(roundChip(pa, 'demo-1-1-101')).toHaveAttribute('data-state', 'done');
	await roundChip(pa, 'demo-1-1-102').click();
	await pa.getByTestId('dist-refused').click();
	await expect(roundChip(pa, 'demo-1-1-102')).toHaveAttribute('data-state', 'refused');
	await roundChip(pa, 'demo-1-1-201').click();
	await pa.getByTestId('dist-left_at_door').click();
	await expect(roundChip(pa, 'demo-1-1-201')).toHaveAttribute('data-state', 'done');
	// Undo, as for a visit: a new, voiding record.
	await roundChip(pa, 'demo-1-1-202').click();
	await pa.getByTestId('dist-delivered').click();
	await expect(roundChip(pa, 'demo-1-1-202')).toHaveAttribute('data-state', 'done');
	await pa.getByTestId('toast').getByRole('button', { name: '撤销' }).click();
	await expect(roundChip(pa, 'demo-1-1-202')).toHaveAttribute('data-state', 'todo');
	await pa.getByTestId('round-filter-todo').click();
	await expect(roundChip(pa, 'demo-1-1-101')).toHaveCount(0);
	await expect(roundChip(pa, 'demo-1-1-102')).toBeVisible();

	await pa.getByTestId('round-survey').click();
	await roundChip(pa, 'demo-1-1-101').click();
	await pa.getByTestId('survey-submit').click();
	await expect(pa.getByRole('alert')).toContainText('返乡人员?');
	await pa.getByTestId('answer-q1-yes').click();
	await pa.getByTestId('answer-q2-省外').click();
	await pa.getByTestId('answer-q3').fill('3');
	await pa.getByTestId('survey-submit').click();
	await expect(roundChip(pa, 'demo-1-1-101')).toHaveAttribute('data-state', 'done');
	await roundChip(pa, 'demo-1-1-102').click();
	await pa.getByTestId('survey-nobody_home').click();
	await expect(roundChip(pa, 'demo-1-1-102')).toHaveAttribute('data-state', 'revisit');
	await roundChip(pa, 'demo-1-1-201').click();
	await pa.getByTestId('answer-q1-no').click();
	await pa.getByTestId('survey-submit').click();
	await expect(roundChip(pa, 'demo-1-1-201')).toHaveAttribute('data-state', 'done');
	// The round used last is the one the grid opens on.
	await pa.reload();
	await expect(pa.getByTestId('round-survey')).toHaveAttribute('aria-pressed', 'true');
	await expect(pa.getByTestId('pending-count')).toHaveText('待同步 8');
	await a.setOffline(false);
	await pa.getByRole('button', { name: '立即同步' }).click();
	await expect(pa.getByTestId('pending-count')).toHaveText('待同步 0');

	// Volunteer B disinfects unit 1-1 twice: its lift and each of its six floors' stairwells.
	const pb = await (await browser.newContext()).newPage();
	await enrol(pb, '乙志愿');
	// First B hands nothing to 1-1-101, where A delivered: a disagreement, kept for the lead.
	await pb.getByTestId('round-distribution').click();
	await roundChip(pb, 'demo-1-1-101').click();
	await pb.getByTestId('dist-refused').click();
	await expect(roundChip(pb, 'demo-1-1-101')).toHaveAttribute('data-state', 'done');
	await pb.getByTestId('round-disinfection').click();
	const areas = ['area-common-电梯', ...[1, 2, 3, 4, 5, 6].map((f) => `area-${f}-楼道`)];
	for (let pass = 1; pass <= 2; pass++) {
		for (const id of areas) {
			await pb.getByTestId(id).click();
			await pb.getByTestId('area-pass').click();
			await expect(pb.getByTestId(id)).toHaveAttribute('data-state', pass === 2 ? 'done' : 'partial');
		}
	}
	await pb.getByRole('button', { name: '立即同步' }).click();
	await expect(pb.getByTestId('pending-count')).toHaveText('待同步 0');

	// The lead: each round's coverage, and each export parses back with the same numbers. The
	// totals come from the store: other tests on this server import households into the team.
	const team = "(SELECT team_id FROM households WHERE id = 'demo-1-1-101')";
	const { homes, areas: areaTotal } = serverStore(
		(db) =>
			db
				.prepare(
					`SELECT (SELECT COUNT(*) FROM households WHERE team_id = ${team}) AS homes,
						(SELECT COUNT(*) FROM (SELECT DISTINCT building, unit, floor FROM households WHERE team_id = ${team})) +
						(SELECT COUNT(*) FROM (SELECT DISTINCT building, unit FROM households WHERE team_id = ${team})) AS areas`
				)
				.get() as { homes: number; areas: number }
	);
	await lead.getByRole('button', { name: '立即同步' }).click();
	await lead.getByTestId('round-coverage-distribution').click();
	await expect(lead.getByTestId('round-done')).toHaveText(`已完成 2/${homes}`);
	await expect(lead.getByTestId('round-work')).toHaveText(`已发 2/${homes}`);
	const dist = await csvOf(lead, 'export-round-csv');
	expect(dist).toHaveLength(homes);
	expect(dist.reduce((n, r) => n + Number(r['已发数量']), 0)).toBe(2);
	expect(dist.filter((r) => r['状态'] === '拒收')).toHaveLength(1);
	// A tap on a disagreement shows who recorded what; so does a tap on a missing household.
	await expect(lead.getByTestId('round-disagreements')).toHaveText('1 处记录不一致');
	await lead.locator('[data-testid="round-disputed"][data-id="demo-1-1-101"]').click();
	const records = lead.getByTestId('round-records').getByTestId('round-record');
	await expect(records).toHaveCount(2);
	await expect(records.nth(0)).toContainText('已发 1');
	await expect(records.nth(0)).toContainText('甲志愿');
	await expect(records.nth(1)).toContainText('拒收');
	await expect(records.nth(1)).toContainText('乙志愿');
	await expect(records.nth(1)).toContainText('与其他记录不一致');
	await lead.keyboard.press('Escape');
	await lead.locator('[data-testid="round-missing"][data-id="demo-1-1-102"]').click();
	await expect(records).toHaveCount(1);
	await expect(records).toContainText('拒收');
	await expect(records).toContainText('甲志愿');
	await lead.keyboard.press('Escape');
	// The round's read-only building grid: the same chips in the round's state; a tap shows the records.
	await lead.getByTestId('round-building-1').click();
	await expect(lead.getByTestId('round-grid-demo-1-1-101')).toHaveAttribute('data-state', 'done');
	await expect(lead.getByTestId('round-grid-demo-1-1-102')).toHaveAttribute('data-state', 'refused');
	await expect(lead.getByTestId('round-grid-demo-1-1-202')).toHaveAttribute('data-state', 'todo');
	await lead.getByTestId('round-grid-demo-1-1-102').click();
	await expect(records).toHaveCount(1);
	await expect(records).toContainText('甲志愿');
	await lead.keyboard.press('Escape');
	// The undone delivery to 1-1-202 is kept, struck through.
	await lead.locator('[data-testid="round-missing"][data-id="demo-1-1-202"]').click();
	await expect(records).toHaveCount(1);
	await expect(records).toContainText('已撤销或被更正');
	await lead.keyboard.press('Escape');

	await lead.goBack();
	await lead.getByTestId('round-coverage-survey').click();
	await expect(lead.getByTestId('round-done')).toHaveText(`已完成 2/${homes}`);
	const counts = await csvOf(lead, 'export-counts-csv');
	const count = (q: string, v: string) => Number(counts.find((r) => r['问题'] === q && r['回答'] === v)?.['户数']);
	expect([count('返乡人员?', '已回答'), count('返乡人员?', '是'), count('返乡人员?', '否')]).toEqual([2, 1, 1]);
	expect(count('来自何地', '省外')).toBe(1);
	const answers = await csvOf(lead, 'export-round-csv');
	expect(answers.filter((r) => r['状态'] === '已登记')).toHaveLength(2);
	expect(answers.find((r) => r['房号'] === '101' && r['楼栋'] === '1' && r['单元'] === '1')?.['到达天数']).toBe('3');
	await lead.locator('[data-testid="round-missing"][data-id="demo-1-1-102"]').click();
	await expect(records).toHaveCount(1);
	await expect(records).toContainText('无人·复访');
	await lead.keyboard.press('Escape');

	await lead.goBack();
	await lead.getByTestId('round-coverage-disinfection').click();
	await expect(lead.getByTestId('round-done')).toHaveText(`已完成 7/${areaTotal}`);
	await expect(lead.getByTestId('round-work')).toHaveText(`消杀 14/${areaTotal * 2} 次`);
	const passes = await csvOf(lead, 'export-round-csv');
	expect(passes).toHaveLength(areaTotal);
	expect(passes.reduce((n, r) => n + Number(r['已消杀次数']), 0)).toBe(14);
	await lead.getByTestId('round-missing').first().click();
	await expect(lead.getByTestId('round-records')).toContainText('还没有人登记');
	await lead.keyboard.press('Escape');

	// The disinfection grid: the unit's common areas as their own row, every area done twice.
	await lead.getByTestId('round-building-1').click();
	await expect(lead.locator('[data-testid^="round-grid-"][data-state="done"]')).toHaveCount(7);

	// The end of the shift, for the round the lead picks; the last one picked is remembered.
	await lead.goto('/lead/shift');
	await lead.getByTestId('round-distribution').click();
	await expect(lead.getByTestId('shift-missing')).toContainText(`已完成 2/${homes}`);
	await expect(lead.getByTestId('shift-round-missing').filter({ hasText: '拒收' })).toHaveCount(1);
	await lead.reload();
	await expect(lead.getByTestId('round-distribution')).toHaveAttribute('aria-pressed', 'true');
	await expect(lead.getByTestId('shift-missing')).toContainText(`已完成 2/${homes}`);
	await lead.getByTestId('round-sampling').click();
	await expect(lead.getByTestId('shift-round-missing')).toHaveCount(0);
	await expect(lead.getByTestId('missing-floor').first()).toBeVisible();

	// Each round's exports on the export screen too, the same files as from the round's page.
	await lead.goto('/lead/export');
	const fromExport = await csvOf(lead, 'export-round-survey', 'export-counts-csv');
	expect(fromExport).toEqual(counts);
	const passesThere = await csvOf(lead, 'export-round-disinfection', 'export-round-csv');
	expect(passesThere).toEqual(passes);

	// The survey has answers: an edit of its form is a new version, the answers keep theirs.
	await lead.goto('/lead/rounds');
	await lead.getByTestId('edit-survey').click();
	await lead.getByTestId('add-question').click();
	await lead.getByTestId('question-4').getByTestId('question-label').fill('有无发热');
	await lead.getByTestId('save-survey').click();
	await expect(lead.getByTestId('question-4')).toHaveCount(0);
	const versions = serverStore((db) =>
		db
			.prepare(
				"SELECT v.version FROM round_versions v JOIN rounds r ON r.id = v.round_id WHERE r.kind = 'survey' AND r.active = 1 ORDER BY v.version"
			)
			.all()
	);
	expect(versions).toEqual([{ version: 1 }, { version: 2 }]);

	// Ended, so the tests after this one (same server) find only the sampling round active.
	for (const kind of ['distribution', 'disinfection', 'survey']) {
		await lead.getByTestId(`close-round-${kind}`).click();
		await expect(lead.getByTestId(`close-round-${kind}`)).toHaveCount(0);
	}
});
