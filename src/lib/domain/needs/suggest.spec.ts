import { describe, expect, it } from 'vitest';
import { household } from '$tests/support/events';
import { created, needEvent } from '$tests/support/needs';
import { foldNeeds } from './fold';
import { fittingSkills, tidySkills } from './skills';
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

	it('skills the request calls for come before area and load; free skills match the words asked', () => {
		const people = [
			{ deviceId: 'a', name: '甲' },
			{ deviceId: 'b', name: '乙' },
			{ deviceId: 'c', name: '丙' },
			{ deviceId: 'd', name: '丁' }
		];
		const h = household('h1', { building: '3', unit: '2' });
		const areas = [{ deviceId: 'c', building: '3', unit: '2', floor: null }];
		const skills = { a: ['repair'], b: ['driver', 'medical'], d: ['上海话', 'driver'] };
		const rank = (need: { kind: 'escort' | 'repair' | 'shopping'; items: string[]; note: string }) =>
			suggest(people, areas, h, [], need, skills).map((s) => [s.deviceId, s.fits]);
		// A ride to dialysis: the driver who is also medical, then the driver, then the area's volunteer.
		expect(rank({ kind: 'escort', items: [], note: '' })).toEqual([
			['b', ['driver', 'medical']],
			['d', ['driver']],
			['c', []],
			['a', []]
		]);
		expect(rank({ kind: 'repair', items: ['水管'], note: '' })[0]).toEqual(['a', ['repair']]);
		// Groceries call for no skill: area, then load, then name (by pinyin: 丁 甲 乙).
		expect(rank({ kind: 'shopping', items: ['米'], note: '' }).map(([id]) => id)).toEqual(['c', 'd', 'a', 'b']);
		// A free skill counts when the request's words name it.
		expect(rank({ kind: 'shopping', items: ['米'], note: '老人只会说上海话' })[0]).toEqual(['d', ['上海话']]);
		// Without a request (or skills) the ranking is the area-and-load one.
		expect(suggest(people, areas, h, []).map((s) => s.deviceId)).toEqual(['c', 'd', 'a', 'b']);
	});

	it('tidies what the lead typed and matches presets by kind only', () => {
		expect(tidySkills([' driver ', 'driver', '', '上海话', 'x'.repeat(30)])).toEqual([
			'driver',
			'上海话',
			'x'.repeat(20)
		]);
		expect(tidySkills(Array.from({ length: 20 }, (_, i) => `s${i}`))).toHaveLength(12);
		// "driver" typed in a note does not make a repair call for a driver.
		expect(fittingSkills(['driver', 'repair'], { kind: 'repair', items: [], note: 'driver' })).toEqual(['repair']);
	});
});
