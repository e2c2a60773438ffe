import { uuidv7 } from 'uuidv7';
import type { CreateRoundRequest } from '$lib/domain/lead-api';
import type { Round } from '$lib/domain/schemas';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { HttpError } from '../errors';
import { nextSeq } from '../seq';
import { leadTeam } from './team';

interface RoundRow {
	id: string;
	team_id: string;
	date: string;
	kind: 'sampling';
	active: number;
}

const toRound = (r: RoundRow): Round => ({ id: r.id, date: r.date, kind: r.kind, active: Number(r.active) === 1 });

/** The team's rounds, newest date first (ids are UUIDv7, so same-day rounds newest first too). */
export async function listRounds(db: Db, auth: DeviceAuth, requested?: string): Promise<Round[]> {
	const teamId = await leadTeam(db, auth, requested);
	const rows = await db.all<RoundRow>(
		'SELECT id, team_id, date, kind, active FROM rounds WHERE team_id = ? ORDER BY date DESC, id DESC',
		[teamId]
	);
	return rows.map(toRound);
}

export interface Created<T> {
	value: T;
	/** False when the client's id named one already made: a retry, answered 200 not 201. */
	created: boolean;
}

/**
 * Makes a round and the team's only active one. Every round it deactivates takes a cursor
 * value of its own, so devices pull the change and `activeRound` agrees with the server.
 */
export async function createRound(
	db: Db,
	auth: DeviceAuth,
	body: CreateRoundRequest,
	requested?: string
): Promise<Created<Round>> {
	const teamId = await leadTeam(db, auth, requested);
	return db.tx(async (tx) => {
		// The counter row's lock first: a concurrent creation then waits, and the active rounds
		// read below include whatever it committed.
		await nextSeq(tx, teamId, 0);
		if (body.id) {
			const had = await tx.get<RoundRow>('SELECT id, team_id, date, kind, active FROM rounds WHERE id = ?', [body.id]);
			if (had) {
				if (had.team_id !== teamId || had.date !== body.date || had.kind !== body.kind) {
					throw new HttpError(409, `id: round ${body.id} already exists with other details`);
				}
				return { value: toRound(had), created: false };
			}
		}
		const active = await tx.all<{ id: string }>('SELECT id FROM rounds WHERE team_id = ? AND active = 1 ORDER BY id', [
			teamId
		]);
		let seq = await nextSeq(tx, teamId, active.length + 1);
		for (const r of active) {
			await tx.run('UPDATE rounds SET active = 0, seq = ? WHERE id = ?', [seq++, r.id]);
		}
		const round: Round = { id: body.id ?? uuidv7(), date: body.date, kind: body.kind, active: true };
		await tx.run('INSERT INTO rounds (id, team_id, date, kind, active, seq) VALUES (?, ?, ?, ?, 1, ?)', [
			round.id,
			teamId,
			round.date,
			round.kind,
			seq
		]);
		return { value: round, created: true };
	});
}
