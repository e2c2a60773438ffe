import type { Need } from './fold';
import type { Feedback } from './kinds';

/** A resident's own rating of a request (the resident page), kept by the server by request id. */
export interface ResidentWord {
	rating: Feedback;
	words: string;
}

/** The residents' ratings per volunteer who did the request: name → counts of 满意 / 一般 / 不满意. */
export function residentRatingsByVolunteer(
	needs: readonly Need[],
	ratings: ReadonlyMap<string, ResidentWord>
): Map<string, Record<Feedback, number>> {
	const out = new Map<string, Record<Feedback, number>>();
	for (const n of needs) {
		const r = ratings.get(n.id);
		if (!r || n.state !== 'done' || !n.done) continue;
		const row = out.get(n.done.by) ?? { good: 0, ok: 0, bad: 0 };
		row[r.rating]++;
		out.set(n.done.by, row);
	}
	return out;
}
