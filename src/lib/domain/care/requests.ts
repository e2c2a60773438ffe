import type { CareState } from './fold';
import type { Duty } from './due';

/**
 * Work a care check-in starts: medicine to fetch when a refill falls due, or whatever the person
 * said they need. Until the needs desk (issue 10) lands, each becomes a task on the paired
 * volunteer's today list; this is the one place to route them to the desk's requests instead.
 */
export interface CareTask {
	personId: string;
	kind: 'refill' | 'needs';
	/** The day the work started (the refill's due day, the day the need was heard). */
	since: string;
}

export function careTasks(s: CareState, due: readonly Duty[]): CareTask[] {
	const out: CareTask[] = [];
	for (const d of due) if (d.duty === 'refill') out.push({ personId: s.id, kind: 'refill', since: d.due });
	if (s.needs && s.lastContact) out.push({ personId: s.id, kind: 'needs', since: s.lastContact.day });
	return out;
}
