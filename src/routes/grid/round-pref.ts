import { localValue } from '$lib/client/local-value';

/** The round the volunteer last worked on, so the grid opens on it while it is active. */
const lastRound = localValue<string | null>(
	'doorstep.grid.round',
	() => null,
	(v) => (typeof v === 'string' ? v : undefined)
);

export const loadLastRound = (): string | null => lastRound.get();
export const saveLastRound = (id: string): void => lastRound.set(id);
