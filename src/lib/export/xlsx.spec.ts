import { readSheet } from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { parseRosterXlsx } from '$lib/domain/roster/read';
import { safeSheetName, toXlsx } from './xlsx';

describe('.xlsx export', () => {
	it('writes a sheet that reads back with the same text and numbers', async () => {
		const rows = [
			{
				楼栋: '1',
				房号: '502',
				户主: '张伟',
				常住人数: 3,
				已采样: 2,
				重点人群: ['独居老人', '慢性病'],
				备注: '=不是公式'
			},
			{ 楼栋: '1', 房号: '602', 户主: '李娜', 常住人数: 4, 已采样: 4, 重点人群: [], 备注: null }
		];
		const bytes = await toXlsx(rows, { sheet: '未采样名单 2026/11/23' });
		expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
		const data = await readSheet(
			bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
		);
		expect(data).toEqual([
			['楼栋', '房号', '户主', '常住人数', '已采样', '重点人群', '备注'],
			['1', '502', '张伟', 3, 2, '独居老人、慢性病', '=不是公式'],
			['1', '602', '李娜', 4, 4, null, null]
		]);
		const people = data.slice(1).reduce((n, r) => n + (r[3] as number), 0);
		expect(people).toBe(7);
	});

	it('writes a roster the importer reads back unchanged', async () => {
		const bytes = await toXlsx([
			{
				楼栋: '3',
				单元: '2',
				楼层: 5,
				房号: '502',
				户主: '张伟',
				联系电话: '13800000001',
				常住人数: 3,
				重点人群: '孕妇',
				备注: ''
			}
		]);
		const result = await parseRosterXlsx(bytes);
		expect(result.problems).toEqual([]);
		expect(result.households).toEqual([
			{
				row: 2,
				building: '3',
				unit: '2',
				floor: 5,
				room: '502',
				head: '张伟',
				phone: '13800000001',
				residents: 3,
				tags: ['孕妇'],
				note: ''
			}
		]);
	});

	it('makes sheet names Excel accepts', () => {
		expect(safeSheetName('未采样名单 2026/11/23')).toBe('未采样名单 20261123');
		expect(safeSheetName('a'.repeat(40))).toHaveLength(31);
		expect(safeSheetName('[]')).toBe('Sheet1');
	});
});
