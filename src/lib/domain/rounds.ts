import type { Round } from './schemas';

/** The round volunteers record into: the most recent active one. */
export function activeRound(rounds: readonly Round[]): Round | undefined {
	return rounds.filter((r) => r.active).sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id))[0];
}
