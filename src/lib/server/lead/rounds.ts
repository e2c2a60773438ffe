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
	kind: Round['kind'];
	active: number;
	definition: string | null;
}

const toRound = (r: RoundRow): Round =>
	({
		id: r.id,
		date: r.date,
		kind: r.kind,
		active: Number(r.active) === 1,
		...(r.definition ? { definition: JSON.parse(r.definition) } : {})
	}) as Round;

/** The definition a round is stored with: a survey's form gets its first version number. */
const definitionOf = (body: CreateRoundRequest): object | null =>
	body.kind === 'sampling' ? null : body.kind === 'survey' ? { version: 1, ...body.definition } : body.definition;

/** The team's rounds, newest date first (ids are UUIDv7, so same-day rounds newest first too). */
export async function listRounds(db: Db, auth: DeviceAuth, requested?: string): Promise<Round[]> {
	const teamId = await leadTeam(db, auth, requested);
	const rows = await db.all<RoundRow>(
		'SELECT id, team_id, date, kind, active, definition FROM rounds WHERE team_id = ? ORDER BY date DESC, id DESC',
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
 * Makes a round and the team's only active one of its kind: today's sampling and this week's
 * distribution run side by side, a new sampling round ends the last one. Every round it
 * deactivates takes a cursor value of its own, so devices pull the change and `activeRound`
 * agrees with the server.
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
			const had = await tx.get<RoundRow>(
				'SELECT id, team_id, date, kind, active, definition FROM rounds WHERE team_id = ? AND id = ?',
				[teamId, body.id]
			);
			if (had) {
				const same = JSON.stringify(definitionOf(body)) === (had.definition ?? 'null');
				if (had.team_id !== teamId || had.date !== body.date || had.kind !== body.kind || !same) {
					throw new HttpError(409, `id: round ${body.id} already exists with other details`);
				}
				return { value: toRound(had), created: false };
			}
		}
		const active = await tx.all<{ id: string }>(
			'SELECT id FROM rounds WHERE team_id = ? AND kind = ? AND active = 1 ORDER BY id',
			[teamId, body.kind]
		);
		let seq = await nextSeq(tx, teamId, active.length + 1);
		for (const r of active) {
			await tx.run('UPDATE rounds SET active = 0, seq = ? WHERE team_id = ? AND id = ?', [seq++, teamId, r.id]);
		}
		const definition = definitionOf(body);
		const row: RoundRow = {
			id: body.id ?? uuidv7(),
			team_id: teamId,
			date: body.date,
			kind: body.kind,
			active: 1,
			definition: definition ? JSON.stringify(definition) : null
		};
		await tx.run('INSERT INTO rounds (id, team_id, date, kind, active, seq, definition) VALUES (?, ?, ?, ?, 1, ?, ?)', [
			row.id,
			teamId,
			row.date,
			row.kind,
			seq,
			row.definition
		]);
		if (body.kind === 'survey') {
			await tx.run('INSERT INTO round_versions (team_id, round_id, version, definition) VALUES (?, ?, 1, ?)', [
				teamId,
				row.id,
				row.definition
			]);
		}
		return { value: toRound(row), created: true };
	});
}
