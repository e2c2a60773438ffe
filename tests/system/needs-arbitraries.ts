import fc from 'fast-check';
import { foldNeeds } from '$lib/domain/needs/fold';
import type { FieldEvent } from '$lib/domain/schemas';
import type { DeviceAuth } from '$lib/server/auth';
import { placeOf } from '$tests/support/needs';

/**
 * The needs desk's part of the convergence property test (tests/system/convergence.spec.ts):
 * requests taken on any device, dispatched by the lead (device 0) to a volunteer or the pool,
 * claimed by several volunteers offline at once, re-dispatched, cancelled, and worked through
 * (on the way, done, not done) by whoever holds them in their own device's view. Every device
 * acts only on what its own fold shows it, as the screens do; the property is the same as for
 * visits: after the final sync every device folds the requests exactly as the server does —
 * one owner each, the same lost claims, the same state.
 */
export type NeedAction = {
	kind: 'need';
	step: 'create' | 'dispatch' | 'claim' | 'way' | 'done' | 'not_done' | 'cancel';
	dev: number;
	hh: number;
	pick: number;
	/** Dispatch: 0 is the pool, n the device n. */
	to: number;
	time: number;
	/** Then the device pushes and pulls everything (lets claims race across many runs). */
	sync: boolean;
};

export const needActionArb: fc.Arbitrary<NeedAction> = fc.record({
	kind: fc.constant('need' as const),
	step: fc.constantFrom(
		'create',
		'create',
		'dispatch',
		'dispatch',
		'claim',
		'claim',
		'claim',
		'way',
		'done',
		'not_done',
		'cancel'
	),
	dev: fc.oneof(fc.constant(0), fc.nat({ max: 3 })),
	hh: fc.nat({ max: 3 }),
	pick: fc.nat({ max: 20 }),
	to: fc.nat({ max: 3 }),
	time: fc.nat({ max: 5 }),
	sync: fc.boolean()
});

interface NeedDevice {
	auth: DeviceAuth;
	events: Map<string, FieldEvent>;
	made: number;
}

type Record_ = (d: NeedDevice, fields: Record<string, unknown>, time: number) => FieldEvent;

/** Plays one action through the world's own `record`; answers the device that acted, if any. */
export function runNeedAction<D extends NeedDevice>(
	devices: D[],
	hot: readonly string[],
	a: NeedAction,
	record: Record_
): D | null {
	const acted = act(devices, hot, a, record);
	return acted === null ? null : devices[acted];
}

function act(devices: NeedDevice[], hot: readonly string[], a: NeedAction, record: Record_): number | null {
	const me = a.dev % devices.length;
	const d = devices[me];
	const lead = devices[0];
	const view = [...foldNeeds([...(a.step === 'dispatch' || a.step === 'cancel' ? lead : d).events.values()]).values()];
	const pick = <T>(list: T[]): T | undefined => (list.length ? list[a.pick % list.length] : undefined);
	const about = (n: { id: string; householdId: string }) => ({ needId: n.id, householdId: n.householdId });
	const target = (to: number) => {
		const t = to === 0 ? null : devices[to % devices.length].auth;
		return t && { deviceId: t.deviceId, name: t.volunteer };
	};
	switch (a.step) {
		case 'create': {
			const ref = { needId: `need-${d.auth.deviceId}-${d.made}`, householdId: hot[a.hh % hot.length] };
			record(
				d,
				{
					type: 'need_created',
					...ref,
					kind: 'shopping',
					items: ['大米'],
					urgency: 'normal',
					channel: 'phone',
					askedAt: '2026-11-23T08:00:00.000Z',
					place: placeOf(ref.householdId),
					note: ''
				},
				a.time
			);
			// At the desk the lead dispatches at once, to the pool or to a volunteer.
			if (d === lead) record(lead, { type: 'need_dispatched', ...ref, to: target(a.to) }, a.time);
			return me;
		}
		case 'dispatch': {
			const n = pick(view.filter((v) => v.state !== 'done' && v.state !== 'cancelled'));
			if (!n) return null;
			record(lead, { type: 'need_dispatched', ...about(n), to: target(a.to) }, a.time);
			return 0;
		}
		case 'cancel': {
			const n = pick(view.filter((v) => v.state !== 'done' && v.state !== 'cancelled'));
			if (!n) return null;
			record(lead, { type: 'need_cancelled', ...about(n), note: '' }, a.time);
			return 0;
		}
		case 'claim': {
			const n = pick(view.filter((v) => v.state === 'pool'));
			if (!n) return null;
			record(d, { type: 'need_claimed', ...about(n) }, a.time);
			return me;
		}
		default: {
			// Steps are recorded only on what this device holds in its own view.
			const n = pick(view.filter((v) => v.holder?.deviceId === d.auth.deviceId && v.state !== 'done'));
			if (!n) return null;
			const fields =
				a.step === 'way'
					? { type: 'need_on_the_way' }
					: a.step === 'done'
						? { type: 'need_done', items: [], collectedFen: 100 * a.pick, feedback: 'good', note: '' }
						: { type: 'need_not_done', reason: 'nobody_home', note: '' };
			record(d, { ...fields, ...about(n) }, a.time);
			return me;
		}
	}
}

/** What every device and the server must agree on. */
export const needsOf = (events: readonly FieldEvent[]) => foldNeeds(events);

const need = (step: NeedAction['step'], dev: number, over: Partial<NeedAction> = {}): NeedAction => ({
	kind: 'need',
	step,
	dev,
	hh: 0,
	pick: 0,
	to: 0,
	time: 0,
	sync: false,
	...over
});

/**
 * A fixed race, readable when it breaks: the lead takes a request and puts it in the pool;
 * volunteers 1 and 2 both see it, both claim it offline, and 1 even completes it before
 * syncing; 2 syncs first, so 2 owns it everywhere and 1's claim and completion are kept as
 * lost (never counted).
 */
export const CLAIM_RACE = [
	need('create', 0, { to: 0, sync: true }),
	{ kind: 'pull' as const, dev: 1, limit: 8, pages: 4, losePage: null },
	{ kind: 'pull' as const, dev: 2, limit: 8, pages: 4, losePage: null },
	need('claim', 1),
	need('claim', 2),
	need('done', 1),
	{ kind: 'push' as const, dev: 2, size: 6, fault: 'none' as const },
	{ kind: 'push' as const, dev: 1, size: 6, fault: 'none' as const },
	need('dispatch', 0, { to: 1, sync: true })
];
