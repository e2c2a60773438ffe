import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareLabel } from './layout';

/** How labels were compared before the collator was kept: a fresh localeCompare each call. */
const localeOrder = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });
const sign = (n: number) => Math.sign(n);

describe('compareLabel', () => {
	it('orders labels naturally: numbers by value, Chinese labels by their number', () => {
		expect(['10', '2', '1'].sort(compareLabel)).toEqual(['1', '2', '10']);
		expect(['12号楼', '3号楼', '2号楼'].sort(compareLabel)).toEqual(['2号楼', '3号楼', '12号楼']);
		expect(['1001', '201', '1002', '102'].sort(compareLabel)).toEqual(['102', '201', '1001', '1002']);
	});

	it('agrees with localeCompare (zh-CN, numeric) on any two labels', () => {
		const label = fc.oneof(
			fc.string({ maxLength: 6 }),
			fc.integer({ min: 0, max: 3000 }).map(String),
			fc
				.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom('号楼', '栋', '单元', '', 'A', '-1'))
				.map(([n, s]) => `${n}${s}`)
		);
		fc.assert(
			fc.property(label, label, (a, b) => {
				expect(sign(compareLabel(a, b))).toBe(sign(localeOrder(a, b)));
			}),
			{ numRuns: 2000 }
		);
	});
});
