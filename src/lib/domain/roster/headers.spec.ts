import { describe, expect, it } from 'vitest';
import { fieldOfHeader, findHeaderRow, mapHeaders } from './headers';

describe('header mapping', () => {
	it.each([
		['楼栋', 'building'],
		['楼号', 'building'],
		['栋', 'building'],
		['Building', 'building'],
		['单元', 'unit'],
		['单元号', 'unit'],
		['UNIT', 'unit'],
		['楼层', 'floor'],
		['层', 'floor'],
		['floor', 'floor'],
		['房号', 'room'],
		['门牌号', 'room'],
		['室', 'room'],
		['Room No.', 'room'],
		['户主', 'head'],
		['姓名', 'head'],
		['Name', 'head'],
		['head', 'head'],
		['联系电话', 'phone'],
		['电话', 'phone'],
		['Phone', 'phone'],
		['常住人数', 'residents'],
		['人数', 'residents'],
		['人口数', 'residents'],
		['Residents', 'residents'],
		['重点人群', 'tags'],
		['特殊人群', 'tags'],
		['tags', 'tags'],
		['备注', 'note'],
		['Note', 'note'],
		[' 楼 栋 ', 'building'],
		['　联系电话　', 'phone'],
		['联系电话(手机)', 'phone'],
		['常住人数（人）*', 'residents'],
		['ＲＯＯＭ', 'room'],
		['微信号', null],
		['', null]
	])('%j → %s', (header, field) => expect(fieldOfHeader(header)).toBe(field));

	it('lists unknown columns, ignores repeats after the first and names missing required ones', () => {
		const map = mapHeaders(['楼号', '房号', '微信号', '', '姓名', '户主', 'ID']);
		expect(map.columns).toEqual(['building', 'room', null, null, 'head', null, null]);
		expect(map.unknown).toEqual(['微信号', 'ID']);
		expect(map.repeated).toEqual(['head']);
		expect(map.missing).toEqual(['unit']);
	});

	it('finds the header below a title row', () => {
		expect(findHeaderRow([['新房子社区住户名单'], [], ['楼栋', '单元', '房号'], ['1', '1', '101']])).toBe(2);
		expect(findHeaderRow([['名单'], ['a', 'b']])).toBe(0);
		expect(findHeaderRow([[], ['', null]])).toBe(-1);
	});
});
