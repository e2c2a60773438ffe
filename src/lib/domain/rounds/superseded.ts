import type { FieldEvent } from '../schemas';
import { effectiveTime } from '../status';

/**
 * Ids that no longer count among a round's records: voided ones (a household's `void`, an
 * area's `disinfection_void`), then ones a standing record replaces. As for visits, voids apply
 * first, so undoing a correction brings back what it corrected.
 */
export function supersededRoundIds(events: readonly FieldEvent[]): Set<string> {
	const gone = new Set<string>();
	for (const e of events) if (e.type === 'void' || e.type === 'disinfection_void') for (const r of e.voids) gone.add(r);
	const replaced = new Set<string>();
	for (const e of events) {
		if ((e.type === 'distribution' || e.type === 'survey_answer') && !gone.has(e.id))
			for (const r of e.replaces) replaced.add(r);
	}
	for (const r of replaced) gone.add(r);
	return gone;
}

type Timed = { at: string; id: string; receivedAt?: string };

/** Later by the capped time (see effectiveTime), then the larger id: the same on every device. */
export function laterThan(a: Timed, b: Timed): boolean {
	const ta = effectiveTime(a);
	const tb = effectiveTime(b);
	return ta !== tb ? ta > tb : a.id > b.id;
}

/** The record that decides among standing ones, by rank then `laterThan`; order-independent. */
export function decide<E extends Timed>(standing: readonly E[], rank: (e: E) => number): E | null {
	let best: E | null = null;
	for (const e of standing) {
		if (!best) best = e;
		else {
			const re = rank(e);
			const rb = rank(best);
			if (re > rb || (re === rb && laterThan(e, best))) best = e;
		}
	}
	return best;
}

/** Groups a round's household records (and the voids that may undo them) by household. */
export function byHousehold(events: readonly FieldEvent[]): Map<string, FieldEvent[]> {
	const map = new Map<string, FieldEvent[]>();
	for (const e of events) {
		if (e.type !== 'void' && e.type !== 'distribution' && e.type !== 'survey_answer') continue;
		const list = map.get(e.householdId);
		if (list) list.push(e);
		else map.set(e.householdId, [e]);
	}
	return map;
}
