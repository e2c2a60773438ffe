import type { ResidentRating } from '$lib/domain/needs/resident-api';
import type { Db } from '../db';
import { HttpError } from '../errors';
import { openBuilding, residentStatus } from './resident';

/**
 * A resident rates their own request, with its building's token and reference number: only once
 * it is done, and once only (the first word stays; a second answers 409 and changes nothing).
 * The lead reads it beside the volunteer's record of the resident's word at the door.
 */
export async function residentRate(
	db: Db,
	token: string,
	ref: string,
	rating: ResidentRating,
	now = new Date()
): Promise<ResidentRating> {
	const status = await residentStatus(db, token, ref);
	if (status.state !== 'done') throw new HttpError(409, 'state: only a done request can be rated');
	const b = await openBuilding(db, token);
	const row = await db.get<{ id: string }>(
		'SELECT id FROM resident_requests WHERE team_id = ? AND token = ? AND ref = ?',
		[b.teamId, b.token, ref]
	);
	if (!row) throw new HttpError(404, 'ref: no request with this reference number for this building');
	const added = await db.run(
		'INSERT INTO resident_ratings (team_id, request_id, rating, words, rated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (team_id, request_id) DO NOTHING',
		[b.teamId, row.id, rating.rating, rating.words, now.toISOString()]
	);
	if (!added) throw new HttpError(409, 'rating: this request was rated already');
	return rating;
}

/** A team's residents' ratings by request id (a request the desk took from the resident page). */
export async function residentRatings(db: Db, teamId: string): Promise<Map<string, ResidentRating>> {
	const rows = await db.all<{ request_id: string; rating: ResidentRating['rating']; words: string }>(
		'SELECT request_id, rating, words FROM resident_ratings WHERE team_id = ?',
		[teamId]
	);
	return new Map(rows.map((r) => [r.request_id, { rating: r.rating, words: r.words }]));
}
