import { foldNeed } from '$lib/domain/needs/fold';
import type { NeedEvent } from '$lib/domain/schemas';
import type { Db } from '../db';
import { nextSeq } from '../seq';
import { seesInFull, storedNeedEvents } from './book';
import { writeHolders } from './holders';

/** Households folded per round: keeps the IN lists, and the events held in memory, small. */
const CHUNK = 200;

/**
 * The migration step that fills need_holders for every stored request, as if each had just been
 * pushed: its holder by the push's own fold (foldNeed over its stored events, writeHolders), and
 * for a holder outside their area a hold change. Those changes take one new cursor value of the
 * team — only for a team that has one — so the holder's scope version moves past any it was
 * given and its device rebuilds its copy, this time with the household in full. A row a push
 * already wrote (since need_holders existed) is right and stays as it is.
 */
export async function backfillHolders(tx: Db): Promise<void> {
	const teams = await tx.all<{ team_id: string }>('SELECT DISTINCT team_id FROM needs ORDER BY team_id');
	for (const { team_id: teamId } of teams) {
		let seq: number | undefined;
		const changeSeq = async () => (seq ??= await nextSeq(tx, teamId));
		const fullView = (deviceId: string, householdId: string) => seesInFull(tx, teamId, deviceId, householdId);
		const households = (
			await tx.all<{ household_id: string }>(
				'SELECT DISTINCT household_id FROM needs WHERE team_id = ? ORDER BY household_id',
				[teamId]
			)
		).map((r) => r.household_id);
		for (let i = 0; i < households.length; i += CHUNK) {
			const chunk = households.slice(i, i + CHUNK);
			const needs = await tx.all<{ id: string; household_id: string }>(
				`SELECT id, household_id FROM needs WHERE team_id = ? AND household_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY id`,
				[teamId, ...chunk]
			);
			const events = new Map<string, NeedEvent[]>();
			for (const e of await storedNeedEvents(tx, teamId, chunk)) {
				const list = events.get(e.needId);
				if (list) list.push(e);
				else events.set(e.needId, [e]);
			}
			const touched = new Map(
				needs.map((n) => [n.id, { householdId: n.household_id, need: foldNeed(events.get(n.id) ?? []) }])
			);
			await writeHolders(tx, teamId, touched, fullView, changeSeq);
		}
	}
}
