import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, parseRosterCsv, readRosterFile } from './read';

const fixture = (name: string) => new Uint8Array(readFileSync(resolve('tests/fixtures', name)));

/** What the variant-spelling fixture must parse to, whatever its encoding. */
const VARIANTS = [
	{
		row: 2,
		building: '3',
		unit: '2',
		floor: 5,
		room: '502',
		head: '张伟',
		phone: '13800000001',
		residents: 3,
		tags: ['独居老人', '慢性病'],
		note: ''
	},
	{
		row: 3,
		building: '3',
		unit: '2',
		floor: 18,
		room: '1801',
		head: '李娜',
		phone: '13800000002',
		residents: 2,
		tags: ['孕妇', '婴幼儿'],
		note: '住18楼,电梯坏了'
	},
	{
		row: 4,
		building: '3',
		unit: '2',
		floor: 18,
		room: '1802',
		head: '王芳',
		phone: '13800000003',
		residents: 1,
		tags: [],
		note: '需上门'
	},
	{
		row: 6,
		building: '3',
		unit: '2',
		floor: 3,
		room: '302',
		head: '赵敏',
		phone: '13800000004',
		residents: 4,
		tags: [],
		note: '他说"不在家"'
	}
];

describe('encodings', () => {
	it.each([
		['roster-utf8.csv', 'utf-8'],
		['roster-utf8-bom.csv', 'utf-8'],
		['roster-gbk.csv', 'gbk']
	])('reads %s as %s with variant headers and spellings', async (name, encoding) => {
		const result = await readRosterFile(name, fixture(name));
		expect(result.encoding).toBe(encoding);
		expect(result.problems).toEqual([]);
		expect(result.households).toEqual(VARIANTS);
		expect(result.counts).toEqual({ rows: 4, households: 4, people: 10, vulnerable: 2 });
		expect(result.ok).toBe(true);
	});

	it('the GBK fixture really is GBK: it is not valid UTF-8', () => {
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(fixture('roster-gbk.csv'))).toThrow();
		expect(decodeText(fixture('roster-utf8-bom.csv')).text.startsWith('楼号')).toBe(true);
	});

	it('reads UTF-16 with a byte-order mark (Excel’s "Unicode text", tab-separated)', () => {
		const text = '楼栋\t单元\t房号\t人数\r\n1\t1\t101\t2\r\n';
		const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(iconv.encode(text, 'utf-16le'))]);
		const result = parseRosterCsv(bytes);
		expect(result.encoding).toBe('utf-16le');
		expect(result.households.map((h) => [h.building, h.room, h.floor, h.residents])).toEqual([['1', '101', 1, 2]]);
	});

	it('decodes any GBK-saved roster of Chinese names and notes back to the same text', () => {
		const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
		const name = fc.string({ unit: han, minLength: 1, maxLength: 4 });
		fc.assert(
			fc.property(fc.array(fc.tuple(name, name), { minLength: 1, maxLength: 30 }), (people) => {
				const csv = [
					'楼栋,单元,房号,户主,备注',
					...people.map(([head, note], i) => `1,1,${101 + i},${head},${note}`)
				].join('\r\n');
				const result = parseRosterCsv(new Uint8Array(iconv.encode(csv, 'gbk')));
				expect(result.encoding).toBe('gbk');
				expect(result.households.map((h) => [h.head, h.note])).toEqual(people);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('the sample roster', () => {
	it('parses all 72 households of the shared sample without a problem', async () => {
		const result = await readRosterFile('roster-small.csv', fixture('roster-small.csv'));
		expect(result.problems).toEqual([]);
		expect(result.counts.rows).toBe(72);
		expect(result.counts.households).toBe(72);
		expect(result.households[0]).toEqual({
			row: 2,
			building: '1',
			unit: '1',
			floor: 1,
			room: '101',
			head: '孙杰娜',
			phone: '10000000001',
			residents: 1,
			tags: [],
			note: ''
		});
		const hurt = result.households.find((h) => h.row === 18);
		expect(hurt?.note).toBe('腿骨折,无法下楼');
		expect(result.households.find((h) => h.row === 17)?.tags).toEqual(['独居老人', '空巢老人']);
		// Independent count of what the file says: residents summed, rows with a tag counted.
		const lines = new TextDecoder().decode(fixture('roster-small.csv')).trim().split(/\r?\n/).slice(1);
		const cols = lines.map((l) => l.split(','));
		expect(result.counts.people).toBe(cols.reduce((n, c) => n + Number(c[6]), 0));
		expect(result.counts.vulnerable).toBe(cols.filter((c) => c[7] !== '').length);
	});
});

describe('.xlsx', () => {
	it('reads the workbook below its title row, with numbers stored as numbers', async () => {
		const result = await readRosterFile('名单.xlsx', fixture('roster.xlsx'));
		expect(result.format).toBe('xlsx');
		expect(result.sheet).toBe('住户');
		expect(result.headerRow).toBe(2);
		expect(result.problems).toEqual([]);
		expect(result.households).toEqual([
			{
				row: 3,
				building: '1',
				unit: '1',
				floor: 1,
				room: '101',
				head: '孙杰娜',
				phone: '13800000001',
				residents: 1,
				tags: [],
				note: ''
			},
			{
				row: 4,
				building: '2',
				unit: '1',
				floor: 18,
				room: '1801',
				head: '陈超杰',
				phone: '13800000002',
				residents: 2,
				tags: ['空巢老人', '行动不便'],
				note: '腿骨折,无法下楼'
			},
			{
				row: 5,
				building: '2',
				unit: '2',
				floor: 3,
				room: '302',
				head: '何兰洋',
				phone: '',
				residents: 0,
				tags: ['居家隔离'],
				note: ''
			}
		]);
		expect(result.counts).toEqual({ rows: 3, households: 3, people: 3, vulnerable: 2 });
	});

	it('answers a readable problem for a broken workbook and for an old .xls', async () => {
		const broken = fixture('roster.xlsx').slice(0, 400);
		const a = await readRosterFile('x.xlsx', broken);
		expect(a.ok).toBe(false);
		expect(a.problems[0].code).toBe('unreadable');
		const b = await readRosterFile('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]));
		expect(b.problems[0].code).toBe('unreadable');
		expect(b.problems[0].message).toMatch(/xlsx/);
	});
});

describe('a malformed roster', () => {
	it('reports each problem on its Excel row, skips blank rows and keeps the good rows', async () => {
		const result = await readRosterFile('bad.csv', fixture('roster-malformed.csv'));
		expect(result.ok).toBe(false);
		expect(result.ignoredColumns).toEqual(['微信号']);
		const brief = result.problems.map((p) => [p.row, p.field, p.code, p.severity]);
		expect(brief).toEqual([
			[1, null, 'unknown_column', 'warning'],
			[3, 'building', 'required', 'error'],
			[4, 'residents', 'residents_invalid', 'error'],
			[5, 'floor', 'floor_missing', 'error'],
			[7, 'room', 'duplicate', 'error'],
			[8, 'floor', 'floor_invalid', 'error'],
			[8, 'residents', 'residents_invalid', 'error'],
			[9, 'unit', 'required', 'error'],
			[9, 'residents', 'residents_missing', 'warning']
		]);
		const dup = result.problems.find((p) => p.code === 'duplicate');
		expect(dup?.otherRow).toBe(2);
		expect(dup?.message).toBe('与第 2 行是同一户(楼栋、单元、房号相同)');
		expect(dup?.messageEn).toMatch(/row 2/);
		expect(result.problems.find((p) => p.row === 4)?.value).toBe('3.5');
		expect(result.households.map((h) => h.row)).toEqual([2]);
		expect(result.counts).toEqual({ rows: 7, households: 1, people: 2, vulnerable: 0 });
	});

	it('stops at a missing required column instead of flagging every row', () => {
		const result = parseRosterCsv('楼栋,户主,人数\r\n1,甲,2\r\n');
		expect(result.problems.map((p) => [p.row, p.field, p.code])).toEqual([
			[1, 'unit', 'missing_column'],
			[1, 'room', 'missing_column']
		]);
		expect(result.households).toEqual([]);
	});

	it('flags an unclosed quote, which would swallow the rows after it', () => {
		const result = parseRosterCsv('楼栋,单元,房号\r\n1,1,"101\r\n1,1,102\r\n');
		expect(result.problems.some((p) => p.code === 'csv_syntax')).toBe(true);
		expect(result.ok).toBe(false);
	});

	it('says so for an empty file and for a header without rows', () => {
		expect(parseRosterCsv('').problems.map((p) => p.code)).toEqual(['empty_file']);
		expect(parseRosterCsv('楼栋,单元,房号,人数\r\n\r\n').problems.map((p) => p.code)).toEqual(['empty_file']);
	});

	it('flags a cell Excel turned into a date', async () => {
		const { parseRosterTable } = await import('./parse');
		const result = parseRosterTable([
			['楼栋', '单元', '房号'],
			['1', new Date('2026-03-02'), '101']
		]);
		expect(result.problems.map((p) => [p.row, p.field, p.code])).toEqual([
			[1, 'residents', 'residents_missing'],
			[2, 'unit', 'date_cell']
		]);
	});
});

describe('speed', () => {
	// CPU time, not wall time: these machines are shared, and waiting for a core is not our cost.
	it('parses a 2,500-household roster well under a second of CPU', () => {
		const lines = ['楼栋,单元,楼层,房号,户主,联系电话,常住人数,重点人群,备注'];
		for (let i = 0; i < 2500; i++) {
			const b = 1 + Math.floor(i / 144);
			const u = 1 + (Math.floor(i / 72) % 2);
			const f = 1 + (Math.floor(i / 4) % 18);
			lines.push(
				`${b}号楼,${u}单元,${f}层,${f}${String((i % 4) + 1).padStart(2, '0')},王伟,138${String(i).padStart(8, '0')},${i % 6},${i % 7 ? '' : '独居老人、慢性病'},备注 ${i}`
			);
		}
		const bytes = new TextEncoder().encode(lines.join('\r\n'));
		const started = process.cpuUsage();
		const result = parseRosterCsv(bytes);
		const used = process.cpuUsage(started);
		const ms = (used.user + used.system) / 1000;
		expect(result.problems).toEqual([]);
		expect(result.counts.households).toBe(2500);
		expect(ms).toBeLessThan(500);
	});
});
