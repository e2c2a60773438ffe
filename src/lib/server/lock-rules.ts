import { DEFAULT_LOCK_RULES, type LockRules } from '$lib/domain/lock-rules';
import type { Db } from './db';

/** The team's lock rules; a team whose lead never set them has the defaults. */
export async function lockRules(db: Db, teamId: string): Promise<LockRules> {
	const row = await db.get<{ pin_length: number; lock_minutes: number }>(
		'SELECT pin_length, lock_minutes FROM team_lock WHERE team_id = ?',
		[teamId]
	);
	return row ? { pinLength: Number(row.pin_length), lockMinutes: Number(row.lock_minutes) } : { ...DEFAULT_LOCK_RULES };
}

/** Stores the team's lock rules (the caller has checked their range with lockRulesSchema). */
export async function saveLockRules(db: Db, teamId: string, rules: LockRules): Promise<void> {
	await db.run(
		`INSERT INTO team_lock (team_id, pin_length, lock_minutes) VALUES (?, ?, ?)
		 ON CONFLICT (team_id) DO UPDATE SET pin_length = excluded.pin_length, lock_minutes = excluded.lock_minutes`,
		[teamId, rules.pinLength, rules.lockMinutes]
	);
}
