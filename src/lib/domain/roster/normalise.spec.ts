import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	cellText,
	chineseNumber,
	floorFromRoom,
	normaliseBuilding,
	normaliseRoom,
	normaliseUnit,
	parseFloor,
	parseResidents,
	splitTags
} from './normalise';

const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe('building', () => {
	it.each([
		['3', '3'],
		[3, '3'],
		['3栋', '3'],
		['3号楼', '3'],
		['3幢', '3'],
		['３', '3'],
		['３号楼', '3'],
		[' 3 栋 ', '3'],
		['第3栋', '3'],
		['03', '3'],
		['3#', '3'],
		['三号楼', '3'],
		['十二栋', '12'],
		['A座', 'A'],
		['b栋', 'B'],
		['', ''],
		[null, '']
	])('%j → %j', (raw, want) => expect(normaliseBuilding(raw)).toBe(want));

	it('normalises every spelling of a building number n to "n"', () => {
		const spellings = (n: number) => {
			const s = String(n);
			return [
				s,
				`${s}栋`,
				`${s}号楼`,
				`${s}幢`,
				`${s}号`,
				fullWidth(s),
				`${fullWidth(s)}栋`,
				` ${s} 号楼 `,
				`第${s}栋`,
				`0${s}`,
				n
			];
		};
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 9999 }), fc.nat({ max: 10 }), (n, pick) => {
				const all = spellings(n);
				expect(normaliseBuilding(all[pick % all.length])).toBe(String(n));
			})
		);
	});

	it('is idempotent, so the server can normalise rows the browser already normalised', () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom(...'0123456789３第号楼栋幢单元室层AB #-'.split('')) }), (s) => {
				for (const f of [normaliseBuilding, normaliseUnit, normaliseRoom]) expect(f(f(s))).toBe(f(s));
			})
		);
	});
});

describe('unit and room', () => {
	it.each([
		['2', '2'],
		['2单元', '2'],
		['第2单元', '2'],
		['二单元', '2'],
		['０２', '2'],
		[2, '2']
	])('unit %j → %j', (raw, want) => expect(normaliseUnit(raw)).toBe(want));

	it.each([
		['502', '502'],
		[502, '502'],
		['502室', '502'],
		[' ５０２ ', '502'],
		['0502', '0502'],
		['502a', '502A']
	])('room %j → %j', (raw, want) => expect(normaliseRoom(raw)).toBe(want));
});

describe('floor', () => {
	it.each([
		['5', 5],
		[5, 5],
		['5层', 5],
		['5F', 5],
		['5f', 5],
		['5楼', 5],
		['第5层', 5],
		['１８层', 18],
		['-1', -1],
		['B1', -1],
		['地下2层', -2],
		['五层', 5],
		['', null],
		[null, null],
		['五楼半', 'invalid'],
		[5.5, 'invalid']
	])('%j → %j', (raw, want) => expect(parseFloor(raw)).toBe(want));

	it.each([
		['502', 5],
		['1801', 18],
		['101', 1],
		['2-1203', 12],
		['502A', 5],
		['12', null],
		['A', null],
		['001', null]
	])('derived from room %j → %j', (room, want) => expect(floorFromRoom(room)).toBe(want));

	it('derives floor f from any room f·100 + r', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 99 }), (f, r) => {
				expect(floorFromRoom(String(f * 100 + r))).toBe(f);
			})
		);
	});
});

describe('residents', () => {
	it.each([
		['3', 3],
		[3, 3],
		['3人', 3],
		['３', 3],
		['3.0', 3],
		['0', 0],
		['99', 99],
		['', null],
		['3.5', 'invalid'],
		[3.5, 'invalid'],
		['-1', 'invalid'],
		['100', 'invalid'],
		[120, 'invalid'],
		['abc', 'invalid']
	])('%j → %j', (raw, want) => expect(parseResidents(raw)).toBe(want));
});

describe('tags', () => {
	it.each([
		['独居老人、空巢老人', ['独居老人', '空巢老人']],
		['孕妇，婴幼儿', ['孕妇', '婴幼儿']],
		['孕妇,婴幼儿;慢性病；残疾人/行动不便 医护家庭', ['孕妇', '婴幼儿', '慢性病', '残疾人', '行动不便', '医护家庭']],
		['孕妇、孕妇', ['孕妇']],
		['无', []],
		['', []],
		[
			['独居老人', '孕妇、婴幼儿'],
			['独居老人', '孕妇', '婴幼儿']
		]
	])('%j → %j', (raw, want) => expect(splitTags(raw)).toEqual(want));
});

describe('cells', () => {
	it('prints a phone stored as a number in full', () => {
		expect(cellText(13800000001)).toBe('13800000001');
		expect(chineseNumber('九十九')).toBe(99);
		expect(chineseNumber('百')).toBeNull();
	});
});
