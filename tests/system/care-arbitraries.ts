import fc from 'fast-check';
import { CHECK_RESULTS, MOBILITIES } from '$lib/domain/care/constants';
import { foldCare } from '$lib/domain/care/fold';
import type { FieldEvent } from '$lib/domain/schemas';
import type { DeviceAuth } from '$lib/server/auth';

/**
 * The care ledger's part of the convergence test (issue 11): devices add people to the ledger,
 * correct them, pair them, set plans and record check-ins, and every device's ledger must fold
 * to the server's. Device 0 is the lead; a volunteer's pair or plan is refused by the server, so
 * it is marked invalid like the test's other deliberately bad events.
 */
export type CareAction = {
	kind: 'care';
	dev: number;
	what: 'add' | 'correct' | 'pair' | 'plan' | 'check';
	hh: number;
	pick: number;
	time: number;
	result: (typeof CHECK_RESULTS)[number];
	mobility: (typeof MOBILITIES)[number];
};

export const careActionArb = (households: number): fc.Arbitrary<CareAction> =>
	fc.record({
		kind: fc.constant('care' as const),
		dev: fc.nat({ max: 3 }),
		what: fc.constantFrom('add' as const, 'correct' as const, 'pair' as const, 'plan' as const, 'check' as const),
		hh: fc.nat({ max: households - 1 }),
		pick: fc.nat({ max: 50 }),
		time: fc.nat({ max: 5 }),
		result: fc.constantFrom(...CHECK_RESULTS),
		mobility: fc.constantFrom(...MOBILITIES)
	});

interface CareDevice {
	auth: DeviceAuth;
	events: Map<string, FieldEvent>;
	invalid: Set<string>;
}

/** Records one care event on device `d` through the test's recorder (which also queues it). */
export function runCareAction(
	a: CareAction,
	devices: readonly CareDevice[],
	households: readonly string[],
	record: (d: CareDevice, fields: Record<string, unknown>, time: number) => FieldEvent
): void {
	const d = devices[a.dev % devices.length];
	const lead = devices.indexOf(d) === 0;
	if (a.what === 'add') {
		const personId = `p-${d.auth.deviceId}-${d.events.size}-${a.pick}`;
		record(
			d,
			{
				type: 'care_person',
				personId,
				householdId: households[a.hh],
				person: {
					name: `老人${a.pick}`,
					ageBand: '80+',
					categories: ['独居老人'],
					phone: '',
					medicines: [],
					mobility: a.mobility,
					dialect: '',
					contact: { name: '', phone: '', relation: '' },
					note: ''
				}
			},
			a.time
		);
		return;
	}
	const people = [...d.events.values()].filter((e) => e.type === 'care_person');
	if (!people.length) return;
	const p = people[a.pick % people.length];
	if (p.type !== 'care_person') return;
	const about = { personId: p.personId, householdId: p.householdId };
	const fields: Record<string, Record<string, unknown>> = {
		correct: { type: 'care_correct', ...about, fields: { mobility: a.mobility, dialect: `话${a.pick % 3}` } },
		pair: {
			type: 'care_pair',
			...about,
			pairedDeviceId: a.pick % 4 === 0 ? null : devices[a.pick % devices.length].auth.deviceId,
			pairedName: 'x'
		},
		plan: {
			type: 'care_plan',
			...about,
			plan: {
				callDaily: a.pick % 2 === 0,
				visitEveryDays: (a.pick % 5) + 1,
				refillEveryDays: null,
				refillFrom: null,
				samplingReminder: false
			}
		},
		check: { type: 'care_check', ...about, duty: 'call', result: a.result, note: '' }
	};
	const e = record(d, fields[a.what], a.time);
	if ((a.what === 'pair' || a.what === 'plan') && !lead) d.invalid.add(e.id);
}

/** The ledger as every device must agree on it, in a fixed order. */
export const careLedger = (events: readonly FieldEvent[]) => [...foldCare(events)].sort(([a], [b]) => (a < b ? -1 : 1));
