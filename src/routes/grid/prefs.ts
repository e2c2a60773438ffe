import { localValue } from '$lib/client/local-value';
import type { UnitRef } from '$lib/domain/layout';

export type Filter = 'all' | 'todo' | 'revisit';
interface Prefs {
	unit: UnitRef | null;
	topDown: boolean;
}

const isUnit = (u: unknown): u is UnitRef =>
	typeof u === 'object' &&
	u !== null &&
	typeof (u as UnitRef).building === 'string' &&
	typeof (u as UnitRef).unit === 'string';

/** Where the volunteer was standing survives a reload or a killed tab. */
const prefs = localValue<Prefs>(
	'doorstep.grid',
	() => ({ unit: null, topDown: true }),
	(v) => {
		if (typeof v !== 'object' || v === null) return undefined;
		const p = v as Partial<Prefs>;
		return { unit: isUnit(p.unit) ? p.unit : null, topDown: typeof p.topDown === 'boolean' ? p.topDown : true };
	}
);

export const loadPrefs = (): Prefs => prefs.get();
export const savePrefs = (next: Prefs): void => prefs.set(next);
