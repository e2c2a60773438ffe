import type { CareDuty } from './constants';
import { addDays, daysBetween, laterDay } from './days';
import type { CareState } from './fold';

/** One duty of a person's plan and the day it falls due (Asia/Shanghai). */
export interface Duty {
	personId: string;
	duty: CareDuty;
	due: string;
	/** For the sampling reminder: the round's day, after which the reminder lapses. */
	until?: string;
}

/** People who cannot get downstairs to a sampling point get the eve-of-round reminder anyway. */
export const cannotGoDown = (s: CareState): boolean =>
	s.person.mobility === 'housebound' || s.person.mobility === 'bedridden';

/**
 * The duties a person's plan holds and when each is next due, given the sampling rounds' days:
 * - a daily call is due the day after the last contact (any contact: a visit is a call too),
 *   and from the day the plan was set;
 * - a visit every N days is due N days after the last visit, and from the day the plan was set;
 * - a refill every N days is due N days after the last refill, and from the plan's first refill
 *   day (the day it was set, unless the lead named one);
 * - the sampling reminder is due the day before each round still to come (or today), until the
 *   round's day, and is done by any sampling check-in from two days before the round on.
 * Nothing is due before the plan exists.
 */
export function dutiesOf(s: CareState, roundDays: readonly string[], today: string): Duty[] {
	const plan = s.plan;
	if (!plan || !s.planDay) return [];
	const start = s.planDay;
	const out: Duty[] = [];
	const after = (last: string | null | undefined, n: number, from: string) =>
		last ? laterDay(from, addDays(last, n)) : from;
	if (plan.callDaily) out.push({ personId: s.id, duty: 'call', due: after(s.lastDone.call, 1, start) });
	if (plan.visitEveryDays)
		out.push({ personId: s.id, duty: 'visit', due: after(s.lastVisit, plan.visitEveryDays, start) });
	if (plan.refillEveryDays)
		out.push({
			personId: s.id,
			duty: 'refill',
			due: after(s.lastDone.refill, plan.refillEveryDays, plan.refillFrom ?? start)
		});
	if (plan.samplingReminder || cannotGoDown(s)) {
		const next = [...roundDays].filter((d) => d >= today).sort()[0];
		const done = s.lastDone.sampling;
		if (next && !(done && done >= addDays(next, -2))) {
			out.push({ personId: s.id, duty: 'sampling', due: addDays(next, -1), until: next });
		}
	}
	return out;
}

/** Days a duty is late on `today`: 0 when due today, negative when not yet due. */
export const overdueDays = (d: Duty, today: string): number => daysBetween(d.due, today);

/** The duties to do on `today`: due today or late. */
export const dueOn = (duties: readonly Duty[], today: string): Duty[] => duties.filter((d) => d.due <= today);

/** The earliest day any duty falls due, or null without a plan. */
export const nextDue = (duties: readonly Duty[]): string | null =>
	duties.reduce<string | null>((min, d) => (min === null || d.due < min ? d.due : min), null);
