import { care, PERSON } from '$tests/support/care';

/**
 * Care events (issue 11) a volunteer's push must refuse one by one: a pair or a plan (leads only),
 * an entry claiming to come from the roster file, an entry in another team's household, and a
 * check-in or correction about nobody on the ledger.
 */
export function careHostileEvents(deviceId: string, id: string, foreignHousehold: string): Record<string, unknown>[] {
	const at = '2026-11-23T09:00:00Z';
	const who = { id, deviceId, volunteer: 'x' };
	const about = { personId: `zz-${id}`.slice(0, 64), householdId: 'demo-1-1-101' };
	return [
		{ ...care.pair(at, deviceId, about), ...who },
		{ ...care.plan(at, {}, about), ...who },
		{ ...care.person(at, { ...about, fromRoster: true }), ...who },
		{ ...care.person(at, { ...about, householdId: foreignHousehold, person: PERSON }), ...who },
		{ ...care.check(at, 'well', about), ...who },
		{ ...care.correct(at, { name: '无此人' }, about), ...who }
	];
}
