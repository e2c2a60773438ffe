import type { FieldEvent, Household } from '../schemas';
import type { DistributionDefinition, QuantityRule } from './definition';
import type { DistributionEvent, DistributionOutcome } from './events';
import { byHousehold, decide, supersededRoundIds } from './superseded';

/** Items one household should get under the rule. (Here, not beside the schema: the grid folds with it at first paint.) */
export function expectedQuantity(rule: QuantityRule, residents: number): number {
	return rule.rule === 'fixed' ? rule.per : rule.per * Math.max(1, residents);
}

/**
 * A hand-over is the strongest fact: a colleague's later "refused" must not hide that the
 * package went in. Left at the door also put the package out; then not living here, refused.
 */
const RANK: Record<DistributionOutcome, number> = { delivered: 4, left_at_door: 3, not_living: 2, refused: 1 };

export type DistributionState = 'todo' | 'delivered' | 'left' | 'refused' | 'not_living';

export interface DistributionStatus {
	state: DistributionState;
	/** Items out to this household by the deciding record (0 unless handed over or left). */
	quantity: number;
	/** What the round's rule gives this household. */
	expected: number;
	decidedBy: DistributionEvent | null;
	/**
	 * Standing records from other devices that say something else, or that handed out a package
	 * too (a second package to the same door is a disagreement a lead must see).
	 */
	conflicting: DistributionEvent[];
	standing: DistributionEvent[];
}

const handedOut = (e: DistributionEvent) => e.outcome === 'delivered' || e.outcome === 'left_at_door';

export function foldDistribution(
	household: Pick<Household, 'id' | 'residents'>,
	def: DistributionDefinition,
	events: readonly FieldEvent[],
	roundId: string
): DistributionStatus {
	const gone = supersededRoundIds(events);
	const standing = events
		.filter(
			(e): e is DistributionEvent =>
				e.type === 'distribution' && e.householdId === household.id && e.roundId === roundId && !gone.has(e.id)
		)
		.sort((a, b) => (a.id < b.id ? -1 : 1));
	const expected = expectedQuantity(def.quantity, household.residents);
	const decided = decide(standing, (e) => RANK[e.outcome] * 1000 + (handedOut(e) ? e.quantity : 0));
	if (!decided) return { state: 'todo', quantity: 0, expected, decidedBy: null, conflicting: [], standing };
	const conflicting = standing.filter(
		(e) =>
			e.deviceId !== decided.deviceId &&
			(e.outcome !== decided.outcome || e.quantity !== decided.quantity || (handedOut(e) && handedOut(decided)))
	);
	const state: DistributionState = decided.outcome === 'left_at_door' ? 'left' : decided.outcome;
	return {
		state,
		quantity: handedOut(decided) ? decided.quantity : 0,
		expected,
		decidedBy: decided,
		conflicting,
		standing
	};
}

export function foldDistributionAll(
	households: readonly Household[],
	def: DistributionDefinition,
	events: readonly FieldEvent[],
	roundId: string
): Map<string, DistributionStatus> {
	const grouped = byHousehold(events);
	const out = new Map<string, DistributionStatus>();
	for (const h of households) out.set(h.id, foldDistribution(h, def, grouped.get(h.id) ?? [], roundId));
	return out;
}

/** Done: the package is out, or nobody lives there. A refusal is still missing (the lead decides). */
export const distributionMissing = (s: DistributionStatus): boolean => s.state === 'todo' || s.state === 'refused';

export interface DistributionCoverage {
	households: number;
	householdsDone: number;
	/** Items out (handed over or left at the door). */
	itemsOut: number;
	/** Items the rule gives the households not known to be empty. */
	itemsExpected: number;
	left: number;
	refused: number;
	disagreements: number;
}

export function distributionCoverage(statuses: Iterable<DistributionStatus>): DistributionCoverage {
	const c: DistributionCoverage = {
		households: 0,
		householdsDone: 0,
		itemsOut: 0,
		itemsExpected: 0,
		left: 0,
		refused: 0,
		disagreements: 0
	};
	for (const s of statuses) {
		c.households += 1;
		if (!distributionMissing(s)) c.householdsDone += 1;
		if (s.state !== 'not_living') c.itemsExpected += s.expected;
		c.itemsOut += s.quantity;
		if (s.state === 'left') c.left += 1;
		if (s.state === 'refused') c.refused += 1;
		if (s.conflicting.length) c.disagreements += 1;
	}
	return c;
}
