// The visit events the load benchmarks push: shaped like the app's (the fields record() writes),
// one shared generator for bench:sync and bench:scale.

import { uuidv7 } from 'uuidv7';

const SHIFT_START = Date.parse('2026-11-23T08:00:00.000Z');
let made = 0;

/**
 * A visit as the app records it, a second apart from the last one made.
 * @param {string} deviceId
 * @param {string} householdId
 * @param {string} roundId
 */
export function visitEvent(deviceId, householdId, roundId) {
	made++;
	return {
		id: uuidv7(),
		v: 1,
		type: 'visit',
		deviceId,
		volunteer: '志愿者',
		at: new Date(SHIFT_START + made * 997).toISOString(),
		householdId,
		roundId,
		outcome: 'sampled',
		sampled: 2,
		residents: 3,
		tube: `T${String(made % 10_000_000).padStart(7, '0')}`,
		note: '',
		replaces: []
	};
}
