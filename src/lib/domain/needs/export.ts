import type { ExportRow } from '$lib/export';
import type { Household } from '../schemas';
import { dueAt, isOverdue } from './board';
import type { Need } from './fold';
import type { ResidentWord } from './resident-ratings';
import { DEFAULT_PROMISES, NEED_KINDS, type NeedKind, type Promise_ } from './kinds';

/** Column and value names in the reader's language: `col.x`, `kind.x`, `state.x`, `rating.x`, `reasons.x`. */
export type NeedLabel = (key: string) => string;

const date = (iso: string | null): Date | null => (iso ? new Date(iso) : null);
const MINUTE = 60_000;

/** One row per request with every timestamp, who, outcome, money and feedback. */
export function needRows(
	needs: readonly Need[],
	households: ReadonlyMap<string, Household>,
	label: NeedLabel,
	/** The residents' own ratings (resident page) and their two columns' names. */
	resident?: { ratings: ReadonlyMap<string, ResidentWord>; rating: string; words: string }
): ExportRow[] {
	return [...needs]
		.sort((a, b) => (a.askedAt ?? '').localeCompare(b.askedAt ?? '') || (a.id < b.id ? -1 : 1))
		.map((n) => {
			const place = households.get(n.householdId) ?? n.place;
			return {
				[label('col.id')]: n.id,
				[label('col.kind')]: label(`kind.${n.kind}`),
				[label('col.building')]: place?.building ?? '',
				[label('col.unit')]: place?.unit ?? '',
				[label('col.room')]: place?.room ?? '',
				[label('col.channel')]: label(`channel.${n.channel}`),
				[label('col.items')]: n.items,
				[label('col.state')]: label(`state.${n.state}`),
				[label('col.takenBy')]: n.takenBy,
				[label('col.holder')]: n.holder?.name ?? n.done?.by ?? n.notDone?.by ?? '',
				[label('col.asked')]: date(n.askedAt),
				[label('col.dispatched')]: date(n.dispatchedAt),
				[label('col.accepted')]: date(n.acceptedAt),
				[label('col.onTheWay')]: date(n.onTheWayAt),
				[label('col.closed')]: date(n.closedAt),
				[label('col.money')]: n.done ? Number((n.done.collectedFen / 100).toFixed(2)) : 0,
				[label('col.rating')]: n.done?.feedback ? label(`rating.${n.done.feedback}`) : '',
				[label('col.words')]: n.done?.note ?? '',
				[label('col.reason')]: n.notDone ? label(`reasons.${n.notDone.reason}`) : '',
				[label('col.escalated')]: n.escalated,
				...(resident && {
					[resident.rating]: resident.ratings.has(n.id) ? label(`rating.${resident.ratings.get(n.id)!.rating}`) : '',
					[resident.words]: resident.ratings.get(n.id)?.words ?? ''
				})
			};
		});
}

const median = (xs: number[]): number | null => {
	if (!xs.length) return null;
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const minutes = (from: string | null, to: string | null): number | null =>
	from && to ? Math.round((Date.parse(to) - Date.parse(from)) / MINUTE) : null;

/** Was it, or is it, late: done after its promised time, or still open past it. */
function late(n: Need, now: number, promises: Record<NeedKind, Promise_>): boolean {
	if (!n.askedAt) return false;
	if (n.state === 'done') return Date.parse(n.closedAt!) > Date.parse(n.askedAt) + promises[n.kind].complete * MINUTE;
	return isOverdue(n, now, promises) && dueAt(n, promises) !== null;
}

/**
 * Per kind: how many, median minutes to a named volunteer accepting and to done, the share
 * late, and the share of rated requests the resident was satisfied with.
 */
export function needSummary(
	needs: readonly Need[],
	now: number,
	label: NeedLabel,
	promises: Record<NeedKind, Promise_> = DEFAULT_PROMISES
): ExportRow[] {
	return NEED_KINDS.flatMap((kind) => {
		const list = needs.filter((n) => n.kind === kind && n.state !== 'cancelled');
		if (!list.length) return [];
		const rated = list.filter((n) => n.done?.feedback);
		const share = (k: number, of: number) => (of ? Math.round((1000 * k) / of) / 10 : null);
		const numbers = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
		return [
			{
				[label('col.kind')]: label(`kind.${kind}`),
				[label('col.count')]: list.length,
				[label('col.done')]: list.filter((n) => n.state === 'done').length,
				[label('col.medianAccept')]: median(numbers(list.map((n) => minutes(n.askedAt, n.acceptedAt)))),
				[label('col.medianDone')]: median(
					numbers(list.filter((n) => n.state === 'done').map((n) => minutes(n.askedAt, n.closedAt)))
				),
				[label('col.lateShare')]: share(list.filter((n) => late(n, now, promises)).length, list.length),
				[label('col.satisfied')]: share(rated.filter((n) => n.done!.feedback === 'good').length, rated.length)
			}
		];
	});
}
