import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSchema, type FieldEvent, type NeedEvent } from '../schemas';
import { foldNeeds } from './fold';
import { created, done, needEvent } from '$tests/support/needs';

const lead = { deviceId: 'dev-lead', volunteer: '队长' };
const a = { deviceId: 'dev-a', volunteer: '张三' };
const b = { deviceId: 'dev-b', volunteer: '李四' };
const N = { needId: 'need-1', householdId: 'h1' };
const at = (e: NeedEvent, receivedAt: string): NeedEvent => ({ ...e, receivedAt });

const one = (events: FieldEvent[]) => foldNeeds(events).get('need-1')!;

describe('foldNeeds: the lifecycle', () => {
	it('every builder makes an event the schema accepts', () => {
		for (const e of [created(a, N), done(a, N), needEvent('need_claimed', a, N, {})]) {
			expect(eventSchema.safeParse(e).success).toBe(true);
		}
	});

	it('new → assigned → on the way → done, keeping the times and the money', () => {
		const events = [
			created(lead, N),
			at(
				needEvent('need_dispatched', lead, N, { to: { deviceId: 'dev-a', name: '张三' } }),
				'2026-11-23T09:05:00.000Z'
			),
			at(needEvent('need_on_the_way', a, N, {}), '2026-11-23T09:20:00.000Z'),
			at(
				done(a, N, { collectedFen: 4550, feedback: 'good', note: '谢谢' } as Partial<NeedEvent>),
				'2026-11-23T09:50:00.000Z'
			)
		];
		const n = one(events);
		expect(n.state).toBe('done');
		expect(n.holder).toEqual({ deviceId: 'dev-a', name: '张三', how: 'assigned' });
		expect(n.done).toMatchObject({ collectedFen: 4550, feedback: 'good', note: '谢谢', by: '张三' });
		expect(n.acceptedAt).not.toBeNull();
		expect(n.closedAt).not.toBeNull();
		expect(n.takenBy).toBe('队长');
	});

	it('a request nobody created (not pulled yet) is left out', () => {
		expect(foldNeeds([needEvent('need_claimed', a, N, {})]).size).toBe(0);
	});

	it('two claims of a pool request: the first the server received owns it; the other is told who', () => {
		const pool = at(needEvent('need_dispatched', lead, N, { to: null }), '2026-11-23T09:00:00.000Z');
		// b's claim has the smaller id and the earlier device time, but reached the server later.
		const claimB = at(
			needEvent('need_claimed', b, N, {}, { at: '2026-11-23T08:10:00.000Z' }),
			'2026-11-23T09:30:00.000Z'
		);
		const claimA = at(needEvent('need_claimed', a, N, {}), '2026-11-23T09:10:00.000Z');
		const n = one([created(lead, N, { receivedAt: '2026-11-23T08:59:00.000Z' }), pool, claimB, claimA]);
		expect(n.holder?.deviceId).toBe('dev-a');
		expect(n.lostClaims).toEqual([{ deviceId: 'dev-b', name: '李四', heldBy: '张三' }]);
	});

	it('before syncing, each device folds its own claim as its own; a received claim beats an unsent one', () => {
		const base = [
			created(lead, N, { receivedAt: '2026-11-23T08:59:00.000Z' }),
			at(needEvent('need_dispatched', lead, N, { to: null }), '2026-11-23T09:00:00.000Z')
		];
		const claimA = needEvent('need_claimed', a, N, {});
		const claimB = needEvent('need_claimed', b, N, {});
		expect(one([...base, claimA]).holder?.deviceId).toBe('dev-a');
		expect(one([...base, claimB, at(claimA, '2026-11-23T09:01:00.000Z')]).holder?.deviceId).toBe('dev-a');
	});

	it('a volunteer cannot complete what another holds: the step is kept but does not count', () => {
		const events = [
			created(lead, N),
			at(
				needEvent('need_dispatched', lead, N, { to: { deviceId: 'dev-a', name: '张三' } }),
				'2026-11-23T09:05:00.000Z'
			),
			at(done(b, N), '2026-11-23T09:10:00.000Z')
		];
		const n = one(events);
		expect(n.state).toBe('held');
		expect(n.overruled.map((e) => e.deviceId)).toEqual(['dev-b']);
	});

	it('not done goes back to the lead, who re-dispatches; cancel closes; nothing reopens a closed request', () => {
		const r = (s: string) => `2026-11-23T09:${s}:00.000Z`;
		const events = [
			created(lead, N),
			at(needEvent('need_dispatched', lead, N, { to: { deviceId: 'dev-a', name: '张三' } }), r('01')),
			at(needEvent('need_not_done', a, N, { reason: 'nobody_home', note: '' }), r('02'))
		];
		expect(one(events)).toMatchObject({ state: 'not_done', holder: null, notDone: { reason: 'nobody_home' } });
		events.push(at(needEvent('need_dispatched', lead, N, { to: { deviceId: 'dev-b', name: '李四' } }), r('03')));
		expect(one(events)).toMatchObject({ state: 'held', holder: { deviceId: 'dev-b' }, notDone: null });
		events.push(at(needEvent('need_cancelled', lead, N, { note: '' }), r('04')));
		events.push(at(needEvent('need_dispatched', lead, N, { to: null }), r('05')));
		events.push(at(done(b, N), r('06')));
		expect(one(events)).toMatchObject({ state: 'cancelled', holder: null });
		expect(one(events).overruled).toHaveLength(2);
	});

	it('escalation keeps the request and its history', () => {
		const n = one([
			created(lead, N),
			at(needEvent('need_escalated', lead, N, { note: '本社区无车' }), '2026-11-23T09:01:00.000Z')
		]);
		expect(n).toMatchObject({ state: 'new', escalated: true });
	});
});

/** Random histories of one request among three devices; every event received or not. */
const historyArb = fc.array(
	fc.record({
		kind: fc.constantFrom(
			'pool',
			'assignA',
			'assignB',
			'claimA',
			'claimB',
			'way',
			'doneA',
			'doneB',
			'notDone',
			'cancel'
		),
		received: fc.option(fc.integer({ min: 0, max: 20 }), { freq: 4 })
	}),
	{ maxLength: 14 }
);

function build(steps: { kind: string; received: number | null }[]): FieldEvent[] {
	const r = (m: number | null) =>
		m === null ? {} : { receivedAt: `2026-11-23T10:${String(m).padStart(2, '0')}:00.000Z` };
	const out: FieldEvent[] = [created(lead, N, { receivedAt: '2026-11-23T09:59:00.000Z' })];
	for (const s of steps) {
		const over = r(s.received);
		const e: NeedEvent =
			s.kind === 'pool'
				? needEvent('need_dispatched', lead, N, { to: null }, over)
				: s.kind === 'assignA' || s.kind === 'assignB'
					? needEvent(
							'need_dispatched',
							lead,
							N,
							{ to: s.kind === 'assignA' ? { deviceId: 'dev-a', name: '张三' } : { deviceId: 'dev-b', name: '李四' } },
							over
						)
					: s.kind === 'claimA' || s.kind === 'claimB'
						? needEvent('need_claimed', s.kind === 'claimA' ? a : b, N, {}, over)
						: s.kind === 'way'
							? needEvent('need_on_the_way', a, N, {}, over)
							: s.kind === 'doneA' || s.kind === 'doneB'
								? done(s.kind === 'doneA' ? a : b, N, over)
								: s.kind === 'notDone'
									? needEvent('need_not_done', b, N, { reason: 'other', note: '' }, over)
									: needEvent('need_cancelled', lead, N, { note: '' }, over);
		out.push(e);
	}
	return out;
}

describe('foldNeeds: properties', () => {
	it('depends on the set of events only, never on the order they arrive in', () => {
		fc.assert(
			fc.property(historyArb, fc.infiniteStream(fc.nat()), (steps, seeds) => {
				const events = build(steps);
				const shuffled = [...events].sort(() => (seeds.next().value % 3) - 1);
				expect(foldNeeds(shuffled)).toEqual(foldNeeds(events));
				expect(foldNeeds([...events].reverse())).toEqual(foldNeeds(events));
			}),
			{ numRuns: 300 }
		);
	});

	it('at most one holder; a held request names who holds it; a closed one nobody', () => {
		fc.assert(
			fc.property(historyArb, (steps) => {
				const n = one(build(steps));
				if (n.state === 'held' || n.state === 'on_the_way') expect(n.holder).not.toBeNull();
				if (n.state === 'cancelled' || n.state === 'new' || n.state === 'pool' || n.state === 'not_done')
					expect(n.holder).toBeNull();
				if (n.state === 'done') expect(n.done?.by).toBe(n.holder?.name);
				// A lost claim names who had it then, if anyone: never the claimant.
				for (const c of n.lostClaims) expect(c.heldBy).not.toBe(c.name);
			}),
			{ numRuns: 300 }
		);
	});
});
