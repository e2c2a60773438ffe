import type { Db } from './db';

const TEAM_COUNTER =
	'INSERT INTO team_counters (team_id, seq) VALUES (?, ?) ON CONFLICT (team_id) DO UPDATE SET seq = team_counters.seq + excluded.seq RETURNING seq';

/**
 * `bench:scale` only (PostgreSQL): the same statement, but taking one deployment-wide row first,
 * as every write did before the counters were per team, in the same one round trip; so the same
 * build measures both in one run. Never set in service.
 */
const SINGLE_COUNTER =
	process.env.DOORSTEP_BENCH_SINGLE_COUNTER === '1'
		? "WITH single AS (INSERT INTO counters (name, value) VALUES ('bench-single', ?) ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value RETURNING value) " +
			'INSERT INTO team_counters (team_id, seq) SELECT ?, ? FROM single ON CONFLICT (team_id) DO UPDATE SET seq = team_counters.seq + excluded.seq RETURNING seq'
		: null;

/**
 * Reserves `count` cursor values of `teamId` inside the caller's transaction and returns the
 * first. The team's counter row is its writers' lock: a later transaction of the same team cannot
 * take values until this one commits, so a pull (which only reads its own team's rows) never
 * skips a commit. Teams never wait on each other. A team without a row (created since the
 * migration) starts at 0: no device can hold a cursor of it yet.
 */
export async function nextSeq(tx: Db, teamId: string, count = 1): Promise<number> {
	const row = SINGLE_COUNTER
		? await tx.get<{ seq: number }>(SINGLE_COUNTER, [count, teamId, count])
		: await tx.get<{ seq: number }>(TEAM_COUNTER, [teamId, count]);
	if (!row) throw new Error('team_counters returned no row');
	return Number(row.seq) - count + 1;
}

/** The team's last cursor value and its horizon (the lowest cursor still served). */
export async function teamCounters(db: Db, teamId: string): Promise<{ seq: number; horizon: number }> {
	const row = await db.get<{ seq: number; horizon: number }>(
		'SELECT seq, horizon FROM team_counters WHERE team_id = ?',
		[teamId]
	);
	return { seq: Number(row?.seq ?? 0), horizon: Number(row?.horizon ?? 0) };
}
