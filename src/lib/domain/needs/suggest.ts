import { compareLabel } from '../layout';
import type { Household } from '../schemas';
import { isOpen } from './board';
import type { Need } from './fold';
import { fittingSkills } from './skills';

export interface Candidate {
	deviceId: string;
	name: string;
}
export interface Suggestion extends Candidate {
	/** The volunteer's assigned area takes in the household. */
	covers: boolean;
	/** Open requests the volunteer holds now. */
	load: number;
	/** The volunteer's skills that fit this request (see fittingSkills). */
	fits: string[];
}

/**
 * Whom to give a request to: volunteers with a skill the request calls for first (a repair
 * needs someone who can repair, a ride to dialysis a driver, wherever they walk), then those
 * whose area covers the household, then those who carry the least, then by name. `areas` are
 * the team's assignments (building, unit or floor); `skills` the lead's list per device.
 */
export function suggest(
	candidates: readonly Candidate[],
	areas: readonly { deviceId: string; building: string; unit: string | null; floor: number | null }[],
	household: Household | undefined,
	needs: readonly Need[],
	need?: Pick<Need, 'kind' | 'items' | 'note'>,
	skills: Readonly<Record<string, readonly string[]>> = {}
): Suggestion[] {
	const load = new Map<string, number>();
	for (const n of needs) if (isOpen(n) && n.holder) load.set(n.holder.deviceId, (load.get(n.holder.deviceId) ?? 0) + 1);
	const covers = (deviceId: string) =>
		!!household &&
		areas.some(
			(a) =>
				a.deviceId === deviceId &&
				a.building === household.building &&
				(a.unit === null || a.unit === household.unit) &&
				(a.floor === null || a.floor === household.floor)
		);
	const fits = (deviceId: string) => (need ? fittingSkills(skills[deviceId] ?? [], need) : []);
	return candidates
		.map((c) => ({ ...c, covers: covers(c.deviceId), load: load.get(c.deviceId) ?? 0, fits: fits(c.deviceId) }))
		.sort(
			(a, b) =>
				b.fits.length - a.fits.length ||
				Number(b.covers) - Number(a.covers) ||
				a.load - b.load ||
				compareLabel(a.name, b.name)
		);
}

/** The volunteers seen holding requests: whom the board offers while the server is out of reach. */
export function holdersOf(needs: readonly Need[]): Candidate[] {
	const by = new Map<string, string>();
	for (const n of needs) if (n.holder) by.set(n.holder.deviceId, n.holder.name);
	return [...by].map(([deviceId, name]) => ({ deviceId, name }));
}
