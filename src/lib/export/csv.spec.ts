import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { guardFormula, toCsv, toCsvBytes, type ExportRow } from './csv';

const rows: ExportRow[] = [
	{
		楼栋: '1',
		单元: '2',
		房号: '502',
		户主: '张伟',
		常住人数: 3,
		已采样: 3,
		重点人群: ['独居老人', '慢性病'],
		备注: '住18楼,电梯坏了'
	},
	{
		楼栋: '1',
		单元: '2',
		房号: '602',
		户主: '=HYPERLINK("http://x","点我")',
		常住人数: 0,
		已采样: 0,
		重点人群: [],
		备注: '他说"不在家"\n明天再来'
	},
	{
		楼栋: '2',
		单元: '1',
		房号: '101',
		户主: '@SUM(A1)',
		常住人数: -1,
		已采样: null,
		重点人群: ['-孕妇'],
		备注: '+86 138'
	}
];

/** Reads the bytes the way Excel-compatible tools do, then parses them as RFC 4180 CSV. */
const parseBack = (bytes: Uint8Array) => {
	expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.slice(3));
	return Papa.parse<string[]>(text, { skipEmptyLines: true });
};

describe('CSV export', () => {
	it('writes UTF-8 with a BOM, CRLF line ends and quoted fields that parse back to the same cells', () => {
		const bytes = toCsvBytes(rows);
		const text = new TextDecoder().decode(bytes.slice(3));
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.split('\r\n')[0]).toBe('楼栋,单元,房号,户主,常住人数,已采样,重点人群,备注');
		const parsed = parseBack(bytes);
		expect(parsed.errors).toEqual([]);
		expect(parsed.data).toEqual([
			['楼栋', '单元', '房号', '户主', '常住人数', '已采样', '重点人群', '备注'],
			['1', '2', '502', '张伟', '3', '3', '独居老人、慢性病', '住18楼,电梯坏了'],
			['1', '2', '602', `'=HYPERLINK("http://x","点我")`, '0', '0', '', '他说"不在家"\n明天再来'],
			['2', '1', '101', "'@SUM(A1)", '-1', '', "'-孕妇", "'+86 138"]
		]);
		// The numbers survive as numbers: the sums match what went in.
		const residents = parsed.data.slice(1).reduce((n, r) => n + Number(r[4]), 0);
		expect(residents).toBe(2);
	});

	it('keeps the column order it is given and leaves missing cells empty', () => {
		expect(toCsv([{ a: 1 }, { b: 'x' }], ['b', 'a'])).toBe('b,a\r\n,1\r\nx,\r\n');
		expect(toCsv([])).toBe('\r\n');
	});

	it('guards text that starts a formula, and nothing else', () => {
		for (const t of ['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1']) expect(guardFormula(t)).toBe(`'${t}`);
		for (const t of ['1', '张伟', 'a=b', '', ' =1']) expect(guardFormula(t)).toBe(t);
	});

	it('round-trips any text through Papa Parse, and no cell can start a formula', () => {
		const cell = fc.string({
			unit: fc.constantFrom('a', '张', ',', '"', '\n', '\r\n', '=', '+', '-', '@', ' ', '\t', '1')
		});
		fc.assert(
			fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 8 }), (pairs) => {
				const input = pairs.map(([x, y]) => ({ x, y }));
				const parsed = parseBack(toCsvBytes(input));
				const back = parsed.data.slice(1);
				const expected = pairs.filter(([x, y]) => x !== '' || y !== '').map((pair) => pair.map(guardFormula));
				expect(back.filter((r) => r.some((c) => c !== ''))).toEqual(expected);
				for (const r of back) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r]/);
			})
		);
	});
});
