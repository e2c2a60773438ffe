import { compareLabel } from '../layout';
import type { CareDuty } from './constants';
import { daysBetween } from './days';
import { dueOn, dutiesOf, overdueDays } from './due';
import type { CareState } from './fold';
import { careTasks } from './requests';

/** One line of a volunteer's today list. */
export interface TodayItem {
	personId: string;
	householdId: string;
	name: string;
	phone: string;
	contactPhone: string;
	kind: CareDuty | 'needs';
	/** Days late (0: due today). */
	overdue: number;
	/** "No answer" in a row; at MISSES_TO_RAISE the lead has been told. */
	misses: number;
}

const KIND_ORDER: readonly TodayItem['kind'][] = ['needs', 'refill', 'sampling', 'visit', 'call'];

/** Late first (the latest first), then what matters most, then by name. */
export const byUrgency = (a: TodayItem, b: TodayItem): number =>
	b.overdue - a.overdue ||
	KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
	compareLabel(a.name, b.name) ||
	(a.personId < b.personId ? -1 : 1);

/**
 * Who the volunteer with device `deviceId` should call or visit on `today` (Shanghai day): the due
 * duties of the people paired with it, plus the work their check-ins started that no request
 * could be made for (careTasks: `canRequest` says whether the device knows a household's door;
 * a due refill of such a household is handed to the needs desk instead), late first.
 */
export function todayList(
	states: Iterable<CareState>,
	deviceId: string,
	today: string,
	roundDays: readonly string[],
	canRequest: (householdId: string) => boolean = () => false
): TodayItem[] {
	const out: TodayItem[] = [];
	for (const s of states) {
		if (s.pair?.deviceId !== deviceId) continue;
		const due = dueOn(dutiesOf(s, roundDays, today), today);
		const line = (kind: TodayItem['kind'], overdue: number): TodayItem => ({
			personId: s.id,
			householdId: s.householdId,
			name: s.person.name,
			phone: s.person.phone,
			contactPhone: s.person.contact.phone,
			kind,
			overdue,
			misses: s.misses
		});
		for (const d of due) if (d.duty !== 'refill') out.push(line(d.duty, overdueDays(d, today)));
		for (const t of careTasks(s, due, canRequest(s.householdId)))
			out.push(line(t.kind, Math.max(0, daysBetween(t.since, today))));
	}
	return out.sort(byUrgency);
}
