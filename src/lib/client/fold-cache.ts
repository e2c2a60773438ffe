import type { FieldEvent, Household } from '$lib/domain/schemas';
import { eventsByHousehold, foldHousehold, type HouseholdStatus } from '$lib/domain/status';

/**
 * `foldAll` that keeps each household's last status while its inputs are unchanged. Events are
 * immutable facts, so a household's status depends only on the round, its residents and the
 * ids of its events: an unchanged household keeps the very same status object, and the chips
 * showing it do not update when a neighbour's record commits.
 */
export function foldKeepingUnchanged(): (
	households: readonly Household[],
	events: readonly FieldEvent[],
	roundId: string
) => Map<string, HouseholdStatus> {
	let memo = new Map<string, { key: string; status: HouseholdStatus }>();
	return (households, events, roundId) => {
		const byHousehold = eventsByHousehold(events);
		const next = new Map<string, { key: string; status: HouseholdStatus }>();
		const out = new Map<string, HouseholdStatus>();
		for (const h of households) {
			const own = byHousehold.get(h.id) ?? [];
			let key = `${roundId}\u0000${h.residents}`;
			for (const e of own) key += `\u0000${e.id}`;
			const before = memo.get(h.id);
			const status = before && before.key === key ? before.status : foldHousehold(h, own, roundId);
			next.set(h.id, { key, status });
			out.set(h.id, status);
		}
		memo = next;
		return out;
	};
}
