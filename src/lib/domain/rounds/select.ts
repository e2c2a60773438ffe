import type { Round } from '../schemas';
import { ROUND_KINDS, type RoundKind } from './kinds';

/** Rounds a volunteer can work in now: the active ones, newest date first. */
export function activeRounds(rounds: readonly Round[]): Round[] {
	return rounds.filter((r) => r.active).sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
}

/**
 * The round the grid opens on: the one used last if it is still active, else the newest active
 * sampling round (what the grid always opened on), else the newest active round.
 */
export function pickRound(rounds: readonly Round[], lastUsed: string | null): Round | undefined {
	const active = activeRounds(rounds);
	return active.find((r) => r.id === lastUsed) ?? active.find((r) => r.kind === 'sampling') ?? active[0];
}

/** Whether this build can work on a round: a kind it knows (not one the server marked unsupported). */
export const isSupported = (r: Round): r is Round & { kind: RoundKind } =>
	(ROUND_KINDS as readonly string[]).includes(r.kind);
