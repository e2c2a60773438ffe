import { describe, expect, it } from 'vitest';
import { exportFileName, safeNamePart, stamp } from './filename';

describe('export file names', () => {
	const at = new Date(2026, 10, 23, 9, 5);

	it('joins community, kind, round date and a local time stamp', () => {
		expect(exportFileName({ community: '新房子社区', kind: '未采样名单', roundDate: '2026-11-23', at })).toBe(
			'新房子社区_未采样名单_2026-11-23_20261123-0905.xlsx'
		);
		expect(exportFileName({ community: '新房子社区', kind: '配送记录', at, ext: 'csv' })).toBe(
			'新房子社区_配送记录_20261123-0905.csv'
		);
		expect(stamp(new Date(2026, 0, 2, 23, 59))).toBe('20260102-2359');
	});

	it('removes characters no file system or phone accepts, and the part separator', () => {
		expect(
			exportFileName({ community: '../新房子:社区*?', kind: 'a/b\\c<d>e|f"g_h', roundDate: ' 2026-11-23 ', at })
		).toBe('新房子社区_abcdefgh_2026-11-23_20261123-0905.xlsx');
		expect(safeNamePart('新房子社区 · 演示队')).toBe('新房子社区-·-演示队');
		expect(safeNamePart('\u0000\u202e名单\u0007')).toBe('名单');
		expect(safeNamePart('...')).toBe('');
		expect(safeNamePart('长'.repeat(100))).toHaveLength(60);
	});
});
