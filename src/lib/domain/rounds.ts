import type { Round } from './schemas';

/**
 * The sampling round volunteers record visits into: the most recent active one. Rounds of the
 * other kinds (./rounds/select) may be active beside it and never take its place.
 */
export function activeRound(rounds: readonly Round[]): Round | undefined {
	return rounds
		.filter((r) => r.active && r.kind === 'sampling')
		.sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id))[0];
}
