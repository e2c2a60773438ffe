import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { readSheet } from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
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

test('a large .xlsx roster (its sheet inflated in a worker) previews whole', async ({ page }) => {
	// Over ~2,000 rows the sheet's part passes 512 KB and the unzipper inflates it in a blob:
	// worker: the page's CSP must allow it, or the preview never comes.
	const header = ['楼栋', '单元', '楼层', '房号', '户主', '联系电话', '常住人数', '重点人群', '备注'];
	const rows = Array.from({ length: 2600 }, (_, i) => {
		const building = 100 + Math.floor(i / 260);
		const floor = 1 + Math.floor((i % 260) / 10);
		const room = `${floor}${String((i % 10) + 1).padStart(2, '0')}`;
		return [
			building,
			1,
			floor,
			room,
			`住户${i}`,
			`139${String(i).padStart(8, '0')}`,
			2,
			i % 7 ? '' : '独居老人',
			'大号名单'
		];
	});
	const cell = (value: string | number) => ({ value, type: typeof value === 'number' ? Number : String });
	const xlsx = await writeExcelFile([header.map(cell), ...rows.map((r) => r.map(cell))]).toBuffer();
	expect(xlsx.byteLength).toBeGreaterThan(50_000);

	await enrolLead(page, '大名单队长');
	await page.goto('/lead/import');
	await page.getByTestId('roster-file').setInputFiles({
		name: '大名单.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: xlsx
	});
	await expect(page.getByTestId('import-counts')).toContainText('2600户', { timeout: 30_000 });
});
