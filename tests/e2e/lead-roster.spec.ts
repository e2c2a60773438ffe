import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { readSheet } from 'read-excel-file/node';
import { enrolLead, serverStore } from './helpers';

const householdCount = () =>
	serverStore((db) => db.prepare('SELECT COUNT(*) AS n FROM households').get()) as { n: number };

test('a malformed roster shows its problems row by row and saves nothing', async ({ page }) => {
	await enrolLead(page, '导入队长');
	const before = householdCount();
	await page.goto('/lead/import');
	await page.getByTestId('roster-file').setInputFiles('tests/fixtures/roster-malformed.csv');
	await expect(page.getByTestId('import-blocked')).toBeVisible();
	const problems = page.getByTestId('import-problems').locator('tbody tr');
	expect(await problems.count()).toBeGreaterThan(2);
	await expect(page.getByTestId('import-problems')).toContainText('3.5');
	await expect(page.getByTestId('import-confirm')).toHaveCount(0);
	expect(householdCount()).toEqual(before);
});

test('the sample roster previews with counts, imports whole, and keeps households that already had visits', async ({
	page
}) => {
	await enrolLead(page, '导入队长二');
	const idsBefore = serverStore((db) =>
		db.prepare("SELECT id FROM households WHERE building = '1' AND unit = '1' AND room = '101'").get()
	);
	await page.goto('/lead/import');
	await page.getByTestId('roster-file').setInputFiles('tests/fixtures/roster-small.csv');
	await expect(page.getByTestId('import-counts')).toContainText('72户');
	await expect(page.getByTestId('import-plan')).toContainText('新增');
	await page.getByTestId('import-confirm').click();
	await expect(page.getByTestId('import-done')).toBeVisible();
	// Same building, unit and room: the same household, so its visits stay attached.
	const idsAfter = serverStore((db) =>
		db.prepare("SELECT id, head FROM households WHERE building = '1' AND unit = '1' AND room = '101'").get()
	) as { id: string; head: string };
	expect(idsAfter.id).toBe((idsBefore as { id: string }).id);
	expect(idsAfter.head).toBe('孙杰娜');
});

test('coverage exports as .xlsx and as CSV that Excel reads in Chinese, with the round in the name', async ({
	page
}) => {
	await enrolLead(page, '导出队长');
	const total = (await page.getByTestId('team-total').textContent())!;
	const [, done, households, peopleDone, people] = /(\d+)\/(\d+)户 · (\d+)\/(\d+)人/.exec(total)!.map(Number);
	await page.goto('/lead/export');

	const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-coverage-xlsx').click()]);
	expect(xlsx.suggestedFilename()).toMatch(/^新房子社区.*_覆盖统计_\d{4}-\d{2}-\d{2}_\d{8}-\d{4}\.xlsx$/);
	const sheet = await readSheet(readFileSync(await xlsx.path()));
	const header = sheet[0].map(String);
	const last = sheet[sheet.length - 1];
	const col = (name: string) => Number(last[header.indexOf(name)]);
	expect(last[0]).toBe('合计');
	expect([col('完成户数'), col('总户数'), col('已采人数'), col('总人数')]).toEqual([
		done,
		households,
		peopleDone,
		people
	]);

	const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-visits-csv').click()]);
	const bytes = readFileSync(await csv.path());
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const rows = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), {
		header: true,
		skipEmptyLines: true
	}).data;
	expect(rows.length).toBe(households);
	expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['楼栋', '单元', '房号', '状态', '已采人数']));
});
