import { uuidv7 } from 'uuidv7';
import {
	MAX_ROSTER_BODY_BYTES,
	rosterImportRequestSchema,
	type RosterHousehold,
	type RosterImportRequest,
	type RosterImportResponse
} from '$lib/domain/roster/api';
import { householdKey } from '$lib/domain/roster/normalise';
import { hasErrors, type RosterProblem } from '$lib/domain/roster/problems';
import { readRows } from '$lib/domain/roster/rows';
import type { DeviceAuth } from './auth';
import { HOUSEHOLD_COLUMNS, householdValues, type HouseholdRow } from './household-row';
import type { Db } from './db';
import { parseBody } from './http';
import { requireLead } from './roles';
import { nextSeq } from './seq';
import { importCare } from './care/roster';
import { NOT_FOREIGN } from './needs/foreign-door';

/** issue 11: the care ledger's people from the file's tags (what a dry run would do, too). */
async function careOf(tx: Db, auth: DeviceAuth, households: RosterHousehold[], dryRun: boolean) {
	const stored = await tx.all<HouseholdRow>(
		`SELECT id, building, unit, room FROM households WHERE team_id = ? AND ${NOT_FOREIGN}`,
		[auth.teamId]
	);
	const ids = new Map(stored.map((r) => [householdKey(r), r.id]));
	return importCare(
		tx,
		auth,
		households.map((h) => ({ id: ids.get(householdKey(h)) ?? null, head: h.head, tags: h.tags })),
		dryRun
	);
}

export type RosterImportOutcome = { ok: true; result: RosterImportResponse } | { ok: false; problems: RosterProblem[] };

/**
 * Reads the import body. A roster is bigger than a push batch (20,000 rows are ~3 MB of JSON),
 * so it has its own cap instead of parseBody's 512 kB.
 */
export const parseRosterBody = (request: Request): Promise<RosterImportRequest> =>
	parseBody(request, rosterImportRequestSchema, { maxBytes: MAX_ROSTER_BODY_BYTES });

/** The row a JSON row names as its source, else its place in the list after a header row. */
const rowOf = (raw: Record<string, unknown>, index: number): number =>
	typeof raw.row === 'number' && Number.isInteger(raw.row) && raw.row >= 1 && raw.row <= 10_000_000
		? raw.row
		: index + 2;

const sameAs = (s: HouseholdRow, h: RosterHousehold): boolean =>
	Number(s.floor) === h.floor &&
	s.head === h.head &&
	s.phone === h.phone &&
	Number(s.residents) === h.residents &&
	s.tags === JSON.stringify(h.tags) &&
	s.note === h.note;

/** Rows per multi-row INSERT: 12 parameters each stays far below both drivers' limits. */
const INSERT_BATCH = 400;

/**
 * Imports a lead's roster into its team, all or nothing. Every row is validated again with the
 * browser's rules; any error answers the problems and writes nothing. Otherwise, in one
 * transaction, households are matched by (building, unit, room): a known one keeps its id (its
 * visits and orders stay attached) and, if anything changed, gets the new fields and a new seq;
 * an unknown one is created with a new id and a seq. Households the roster leaves out are kept
 * and counted: deleting them would orphan recorded visits, and a partial file (one building)
 * is a normal thing for a lead to upload.
 */
export async function importRoster(db: Db, auth: DeviceAuth, body: RosterImportRequest): Promise<RosterImportOutcome> {
	requireLead(auth);
	const { households, problems } = readRows(body.households.map((raw, i) => ({ raw, row: rowOf(raw, i) })));
	if (hasErrors(problems)) return { ok: false, problems };
	const dryRun = body.dryRun ?? false;

	const counts = await db.tx(async (tx) => {
		// Take the counter row's lock first, so two imports for one team take turns.
		await nextSeq(tx, auth.teamId, 0);
		const stored = await tx.all<HouseholdRow>(
			`SELECT id, building, unit, floor, room, head, phone, residents, tags, note FROM households WHERE team_id = ? AND ${NOT_FOREIGN}`,
			[auth.teamId]
		);
		const byKey = new Map(stored.map((s) => [householdKey(s), s]));
		const created: RosterHousehold[] = [];
		const updated: { id: string; h: RosterHousehold; was: HouseholdRow }[] = [];
		let unchanged = 0;
		for (const h of households) {
			const s = byKey.get(householdKey(h));
			if (!s) created.push(h);
			else if (sameAs(s, h)) unchanged++;
			else updated.push({ id: s.id, h, was: s });
			byKey.delete(householdKey(h));
		}
		const result = { created: created.length, updated: updated.length, unchanged, notInRoster: byKey.size };
		if (dryRun || created.length + updated.length === 0)
			return { ...result, care: await careOf(tx, auth, households, dryRun) };

		let seq = await nextSeq(tx, auth.teamId, created.length + updated.length);
		for (const { id, h, was } of updated) {
			// A household on another floor leaves the area of a device assigned the old floor:
			// recording where it was changes that device's scope (see pull), which resyncs it.
			if (Number(was.floor) !== h.floor) {
				await tx.run(
					'INSERT INTO household_moves (team_id, household_id, building, unit, floor, seq) VALUES (?, ?, ?, ?, ?, ?)',
					[auth.teamId, id, was.building, was.unit, Number(was.floor), seq]
				);
			}
			await tx.run(
				'UPDATE households SET floor = ?, head = ?, phone = ?, residents = ?, tags = ?, note = ?, seq = ? WHERE team_id = ? AND id = ?',
				[h.floor, h.head, h.phone, h.residents, JSON.stringify(h.tags), h.note, seq++, auth.teamId, id]
			);
		}
		for (let i = 0; i < created.length; i += INSERT_BATCH) {
			const batch = created.slice(i, i + INSERT_BATCH);
			await tx.run(
				`INSERT INTO households (${HOUSEHOLD_COLUMNS})
				 VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
				batch.flatMap((h) => householdValues(uuidv7(), auth.teamId, h, seq++))
			);
		}
		return { ...result, care: await careOf(tx, auth, households, dryRun) };
	});
	return { ok: true, result: { dryRun, ...counts, problems } };
}
