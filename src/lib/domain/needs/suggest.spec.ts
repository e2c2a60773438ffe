import { describe, expect, it } from 'vitest';
import { household } from '$tests/support/events';
import { created, needEvent } from '$tests/support/needs';
import { foldNeeds } from './fold';
import { suggest } from './suggest';

describe('who to give a request to', () => {
	it('the volunteer covering the building first, then the one carrying least', () => {
		const lead = { deviceId: 'lead', volunteer: '队长' };
		const ref = { needId: 'x', householdId: 'h0' };
		const needs = [
			...foldNeeds([
				created(lead, ref),
				needEvent(
					'need_dispatched',
					lead,
					ref,
					{ to: { deviceId: 'b', name: '乙' } },
					{ receivedAt: '2026-11-23T09:00:00.000Z' }
				)
			]).values()
		];
		const people = [
			{ deviceId: 'a', name: '甲' },
			{ deviceId: 'b', name: '乙' },
			{ deviceId: 'c', name: '丙' }
		];
		const h = household('h1', { building: '3', unit: '2' });
		const areas = [{ deviceId: 'c', building: '3', unit: '2', floor: null }];
		expect(suggest(people, areas, h, needs).map((s) => [s.deviceId, s.covers, s.load])).toEqual([
			['c', true, 0],
			['a', false, 0],
			['b', false, 1]
		]);
	});
});
