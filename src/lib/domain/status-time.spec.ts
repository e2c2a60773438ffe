import { describe, expect, it } from 'vitest';
import type { VoidEvent } from './schemas';
import { effectiveTime, foldHousehold, voidedVisits } from './status';
import { visit } from '$tests/support/events';

const house = { id: 'h1', residents: 3 };

describe('a device clock that cannot be true', () => {
	it('counts an event no later than when the server received it', () => {
		const ahead = { at: '2027-01-01T00:00:00.000Z', receivedAt: '2026-11-23T08:00:00.000Z' };
		expect(effectiveTime(ahead)).toBe(Date.parse('2026-11-23T08:00:00.000Z'));
		const honest = { at: '2026-11-23T07:59:00.000Z', receivedAt: '2026-11-23T08:00:00.000Z' };
		expect(effectiveTime(honest)).toBe(Date.parse(honest.at));
		expect(effectiveTime({ at: honest.at })).toBe(Date.parse(honest.at));
	});

	it('does not let a phone running a year ahead win the tie against a later real record', () => {
		const fast = visit({
			id: 'z-fast',
			deviceId: 'fast',
			outcome: 'nobody_home',
			sampled: 0,
			at: '2027-11-23T08:00:00.000Z',
			receivedAt: '2026-11-23T08:00:00.000Z'
		});
		const real = visit({
			id: 'a-real',
			deviceId: 'real',
			outcome: 'nobody_home',
			sampled: 0,
			at: '2026-11-23T09:00:00.000Z',
			receivedAt: '2026-11-23T09:00:05.000Z'
		});
		expect(foldHousehold(house, [fast, real], 'r1').decidedBy?.id).toBe('a-real');
		expect(foldHousehold(house, [real, fast], 'r1').decidedBy?.id).toBe('a-real');
	});
});

describe('voided records', () => {
	it('names the void that undid each record of the round, the earliest when two did', () => {
		const a = visit({ id: 'v1', deviceId: 'vol' });
		const b = visit({ id: 'v2', deviceId: 'vol' });
		const other = visit({ id: 'v3', deviceId: 'vol', roundId: 'older' });
		const lead: VoidEvent = {
			id: 'x2',
			v: 1,
			type: 'void',
			deviceId: 'lead',
			volunteer: '队长',
			at: '2026-11-23T10:00:00.000Z',
			householdId: 'h1',
			voids: ['v1', 'v3']
		};
		const again: VoidEvent = { ...lead, id: 'x9', volunteer: '别人' };
		const out = voidedVisits([a, b, other, again, lead], 'r1');
		expect(out.map((v) => [v.record.id, v.by.volunteer])).toEqual([['v1', '队长']]);
	});
});
