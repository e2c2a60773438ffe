import type { Coverage } from '$lib/domain/coverage';
import { activeRound } from '$lib/domain/rounds';
import type { Round } from '$lib/domain/schemas';
import type { TeamCoverage } from '$lib/domain/team-coverage';
import type { DoorstepDb } from './db';
import { getSession } from './session';

/** What the coverage screen draws before any household is shown: totals and one bar a building. */
export interface CoverageSummary {
	total: Coverage;
	missing: { households: number; people: number };
	buildings: { building: string; coverage: Coverage }[];
	/** The households whose records disagree, as labels (building-unit-room). */
	disagreements: string[];
}

/**
 * The summary as last computed from the whole roster, kept sealed (CLEAR_FIELDS: only `key` is
 * clear) so a reload draws it without opening the 10,000 households and their visits — most of
 * the lead's offline reload (docs/benchmarks.md, issue 13) — and replaces it when they are in.
 */
export interface CoverageSnapshot extends CoverageSummary {
	key: 'lead';
	/** The team and round it was computed for: it is shown for no other. */
	team: string;
	roundId: string;
	/** The round's date, for the screen's heading. */
	roundDate?: string;
	/** When it was computed. */
	at: string;
}

export function summarize(team: TeamCoverage, missing: { households: number; people: number }): CoverageSummary {
	return {
		total: team.total,
		missing,
		buildings: team.buildings.map((b) => ({ building: b.building, coverage: b.coverage })),
		disagreements: team.disagreements.map((h) => `${h.building}-${h.unit}-${h.room}`)
	};
}

/** The snapshot, if it was computed for this device's team and the round now active. */
export async function readCoverageSnapshot(db: DoorstepDb): Promise<CoverageSnapshot | undefined> {
	return db.transaction('r', [db.coverageSnapshot, db.meta, db.rounds], async () => {
		const [row, session, rounds] = await Promise.all([
			db.coverageSnapshot.get('lead'),
			getSession(db),
			db.rounds.toArray()
		]);
		const round = activeRound(rounds)?.id ?? '';
		return row && session && row.team === session.team.id && row.roundId === round ? row : undefined;
	});
}

/** Keeps `summary` as the snapshot for this device's team and `round` (none: no round open). */
export async function saveCoverageSnapshot(
	db: DoorstepDb,
	round: Round | undefined,
	summary: CoverageSummary
): Promise<void> {
	await db.transaction('rw', [db.coverageSnapshot, db.meta], async () => {
		const session = await getSession(db);
		if (!session) return;
		await db.coverageSnapshot.put({
			...summary,
			key: 'lead',
			team: session.team.id,
			roundId: round?.id ?? '',
			roundDate: round?.date,
			at: new Date().toISOString()
		});
	});
}
