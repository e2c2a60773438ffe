import { nextSurvey, surveyDefinitionSchema, type SurveyForm } from '$lib/domain/rounds/definition';
import type { Round } from '$lib/domain/schemas';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { HttpError } from '../errors';
import { leadTeam } from '../lead/team';
import { nextSeq } from '../seq';

type SurveyRound = Extract<Round, { kind: 'survey' }>;

interface Row {
	id: string;
	date: string;
	kind: Round['kind'];
	active: number;
	definition: string | null;
}

const toRound = (r: Row): Round =>
	({
		id: r.id,
		date: r.date,
		kind: r.kind,
		active: Number(r.active) === 1,
		...(r.definition ? { definition: JSON.parse(r.definition) } : {})
	}) as Round;

/** The round of this team under the team's lock, or a 404 naming it. */
async function lockedRound(tx: Db, teamId: string, roundId: string): Promise<Row> {
	// The counter row's lock first: a push judging answers against the form waits for the edit.
	await nextSeq(tx, teamId, 0);
	const row = await tx.get<Row>('SELECT id, date, kind, active, definition FROM rounds WHERE team_id = ? AND id = ?', [
		teamId,
		roundId
	]);
	if (!row) throw new HttpError(404, `id: no round ${roundId} in this team`);
	return row;
}

/** Whether any household has answered this survey (a refusal or nobody home answers no form). */
async function answered(tx: Db, teamId: string, roundId: string): Promise<boolean> {
	const rows = await tx.all<{ body: string }>("SELECT body FROM events WHERE team_id = ? AND type = 'survey_answer'", [
		teamId
	]);
	return rows.some((r) => {
		const e = JSON.parse(r.body) as { roundId?: string; outcome?: string };
		return e.roundId === roundId && e.outcome === 'answered';
	});
}

/**
 * Replaces a survey's form. Before the first answer the form keeps its version (nobody answered
 * the old one); after it, the new form is the next version and the old ones stay, so every
 * answer is still judged against the form it was given on. Devices pull the round again.
 */
export async function editSurvey(
	db: Db,
	auth: DeviceAuth,
	roundId: string,
	form: SurveyForm,
	requested?: string
): Promise<SurveyRound> {
	const teamId = await leadTeam(db, auth, requested);
	return db.tx(async (tx) => {
		const row = await lockedRound(tx, teamId, roundId);
		if (row.kind !== 'survey') throw new HttpError(409, `id: round ${roundId} is a ${row.kind} round, not a survey`);
		const current = surveyDefinitionSchema.parse(JSON.parse(row.definition ?? 'null'));
		const next = nextSurvey(current, form.fields, await answered(tx, teamId, roundId));
		const text = JSON.stringify(next);
		if (next.version === current.version) {
			await tx.run('UPDATE round_versions SET definition = ? WHERE team_id = ? AND round_id = ? AND version = ?', [
				text,
				teamId,
				roundId,
				next.version
			]);
		} else {
			await tx.run('INSERT INTO round_versions (team_id, round_id, version, definition) VALUES (?, ?, ?, ?)', [
				teamId,
				roundId,
				next.version,
				text
			]);
		}
		await tx.run('UPDATE rounds SET definition = ?, seq = ? WHERE team_id = ? AND id = ?', [
			text,
			await nextSeq(tx, teamId),
			teamId,
			roundId
		]);
		return toRound({ ...row, definition: text }) as SurveyRound;
	});
}

/** Ends a round (any kind); devices pull it as inactive. Ending an ended round changes nothing. */
export async function closeRound(db: Db, auth: DeviceAuth, roundId: string, requested?: string): Promise<Round> {
	const teamId = await leadTeam(db, auth, requested);
	return db.tx(async (tx) => {
		const row = await lockedRound(tx, teamId, roundId);
		if (Number(row.active) === 1)
			await tx.run('UPDATE rounds SET active = 0, seq = ? WHERE team_id = ? AND id = ?', [
				await nextSeq(tx, teamId),
				teamId,
				roundId
			]);
		return toRound({ ...row, active: 0 });
	});
}
