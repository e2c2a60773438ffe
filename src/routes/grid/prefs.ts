import type { UnitRef } from '$lib/domain/layout';

export type Filter = 'all' | 'todo' | 'revisit';
interface Prefs {
	unit: UnitRef | null;
	topDown: boolean;
}
const KEY = 'doorstep.grid';

/** Where the volunteer was standing survives a reload or a killed tab. */
export function loadPrefs(): Prefs {
	try {
		const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Prefs> | null;
		return { unit: raw?.unit ?? null, topDown: raw?.topDown ?? true };
	} catch {
		return { unit: null, topDown: true };
	}
}

export function savePrefs(prefs: Prefs): void {
	localStorage.setItem(KEY, JSON.stringify(prefs));
}
