import { describe, expect, it } from 'vitest';
import { household } from '$tests/support/events';
import { searchHouseholds } from './search';

const list = [
	household('a', { building: '3', unit: '2', room: '501', head: '张建国' }),
	household('b', { building: '3', unit: '1', room: '501', head: '李梅' }),
	household('c', { building: '12', unit: '2', room: '301', head: '张伟' })
];
const ids = (q: string) => searchHouseholds(list, q).map((h) => h.id);

describe('the desk finds a household the way a caller says it', () => {
	it('by building-unit-room in any separators', () => {
		expect(ids('3-2-501')).toEqual(['a']);
		expect(ids('3号楼2单元501')).toEqual(['a']);
		expect(ids('3 2 501')).toEqual(['a']);
	});
	it('by room alone, or building and room', () => {
		expect(ids('501')).toEqual(['b', 'a']);
		expect(ids('12-301')).toEqual(['c']);
	});
	it('by part of the name, narrowed by an address part', () => {
		expect(ids('张')).toEqual(['a', 'c']);
		expect(ids('张 12')).toEqual(['c']);
		expect(ids('王')).toEqual([]);
		expect(ids('  ')).toEqual([]);
	});
});
