import type { NeedKind, Promise_ } from '$lib/domain/needs/kinds';
import { withDefaults, type TeamPromises } from '$lib/domain/needs/promises-api';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { leadTeam } from '../lead/team';

/** The team's promised times: defaults, with the lead's changes over them. */
export async function teamPromises(db: Db, auth: DeviceAuth, team?: string): Promise<TeamPromises> {
	const teamId = await leadTeam(db, auth, team);
	const rows = await db.all<{ kind: NeedKind; respond: number; complete: number }>(
		'SELECT kind, respond, complete FROM need_promises WHERE team_id = ? ORDER BY kind',
		[teamId]
	);
	const changes = Object.fromEntries(
		rows.map((r) => [r.kind, { respond: Number(r.respond), complete: Number(r.complete) }])
	);
	return { promises: withDefaults(changes), changed: rows.map((r) => r.kind) };
}

/** Changes one kind's promise, or (null) gives it back to the default. */
export async function setPromise(
	db: Db,
	auth: DeviceAuth,
	kind: NeedKind,
	promise: Promise_ | null,
	team?: string
): Promise<TeamPromises> {
	const teamId = await leadTeam(db, auth, team);
	if (promise) {
		await db.run(
			`INSERT INTO need_promises (team_id, kind, respond, complete) VALUES (?, ?, ?, ?)
			 ON CONFLICT (team_id, kind) DO UPDATE SET respond = excluded.respond, complete = excluded.complete`,
			[teamId, kind, promise.respond, promise.complete]
		);
	} else await db.run('DELETE FROM need_promises WHERE team_id = ? AND kind = ?', [teamId, kind]);
	return teamPromises(db, auth, team);
}
