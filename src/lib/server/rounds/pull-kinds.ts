import { ROUND_KINDS, UNSUPPORTED_KIND } from '$lib/domain/rounds/kinds';
import { EVENT_TYPES_OF_KIND } from '$lib/domain/rounds/events';
import type { Round } from '$lib/domain/schemas';

/**
 * Which round kinds the pulling device knows. A build from before round kinds sends none and
 * parses every round as sampling and every event strictly, so it gets sampling rounds and the
 * events it has always had; it keeps working on sampling while other rounds run. A build that
 * names its kinds gets every round, those of kinds it does not know as "unsupported" (it shows
 * "update the app to work on this round"), and the events of the kinds it knows.
 */
export interface PullKinds {
	declared: boolean;
	kinds: ReadonlySet<string>;
}

export function pullKinds(param: string | undefined): PullKinds {
	if (param === undefined) return { declared: false, kinds: new Set(['sampling']) };
	const named = param.split(',').filter((k) => (ROUND_KINDS as readonly string[]).includes(k));
	return { declared: true, kinds: new Set(['sampling', ...named]) };
}

/** Event types a device is sent: the ones every build knows, and those of its round kinds. */
export function pulledEventTypes(k: PullKinds): string[] {
	const types = ['visit', 'void', 'delivery_request', 'delivery_outcome'];
	for (const kind of k.kinds) {
		if (kind === 'sampling') continue;
		types.push(...EVENT_TYPES_OF_KIND[kind as keyof typeof EVENT_TYPES_OF_KIND]);
	}
	return types;
}

export interface RoundRow {
	id: string;
	date: string;
	kind: string;
	active: number;
	definition: string | null;
}

/** A round as this device is sent it, or null when it must not be sent at all. */
export function pulledRound(r: RoundRow, k: PullKinds): Round | null {
	const base = { id: r.id, date: r.date, active: Number(r.active) === 1 };
	if (!k.kinds.has(r.kind)) return k.declared ? { ...base, kind: UNSUPPORTED_KIND } : null;
	if (r.kind === 'sampling') return { ...base, kind: 'sampling' };
	return { ...base, kind: r.kind, definition: JSON.parse(r.definition ?? 'null') } as Round;
}
