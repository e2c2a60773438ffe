import { describe, expect, it } from 'vitest';
import type { FieldEvent, Household } from '$lib/domain/schemas';
import { foldAll } from '$lib/domain/status';
import { foldKeepingUnchanged } from './fold-cache';

const household = (id: string, residents = 3) => ({ id, residents }) as Household;
const visit = (id: string, householdId: string, sampled: number): FieldEvent =>
	({
		id,
		v: 1,
		deviceId: 'd1',
		volunteer: 'v',
		at: '2026-01-01T00:00:00.000Z',
		type: 'visit',
		householdId,
		roundId: 'r1',
		outcome: 'sampled',
		sampled,
		residents: 3,
		tube: '',
		note: '',
		replaces: []
	}) as FieldEvent;

describe('foldKeepingUnchanged', () => {
	it('folds as foldAll does, and keeps the status object of households whose events did not change', () => {
		const fold = foldKeepingUnchanged();
		const hs = [household('a'), household('b'), household('c')];
		const e1 = [visit('01', 'a', 3)];
		const first = fold(hs, e1, 'r1');
		expect(first).toEqual(foldAll(hs, e1, 'r1'));
		const e2 = [...e1, visit('02', 'b', 1)];
		const second = fold(hs, structuredClone(e2), 'r1');
		expect(second).toEqual(foldAll(hs, e2, 'r1'));
		expect(second.get('a')).toBe(first.get('a'));
		expect(second.get('c')).toBe(first.get('c'));
		expect(second.get('b')).not.toBe(first.get('b'));
		// Another round or another head count folds again.
		expect(fold(hs, e2, 'r2').get('a')).toEqual(foldAll(hs, e2, 'r2').get('a'));
		const more = [household('a', 5), hs[1], hs[2]];
		expect(fold(more, e2, 'r1').get('a')).toEqual(foldAll(more, e2, 'r1').get('a'));
	});
});
