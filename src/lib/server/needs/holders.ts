import type { Need } from '$lib/domain/needs/fold';
import type { DeviceAuth } from '../auth';
import type { Db, Param } from '../db';

type Who = Pick<DeviceAuth, 'teamId' | 'deviceId' | 'role'>;

/**
 * Who may call the resident: the volunteer who holds a request (assigned or claimed, by the
 * server's fold — the first claim the server received wins) while it is in their hands, `held` or
 * `on_the_way`. Outside their area that volunteer receives the household's head name and phone,
 * nobody else outside the area does (they get the door only, see scope.ts).
 *
 * The request leaves them — and their device drops the name and phone — when it is reassigned,
 * lost to an earlier claim, handed back (not done), cancelled, or done. Not "done + a day": a
 * call back after the visit goes through the desk or the lead, who hold every number; and a
 * release by the clock would change what a device may see with no write to mark it, which the
 * pull's scope version (a cursor value) cannot express without a writer running on a timer.
 */
export function holderOf(need: Need | null): string | null {
	if (!need?.holder) return null;
	return need.state === 'held' || need.state === 'on_the_way' ? need.holder.deviceId : null;
}

/** The households a device receives in full because it holds one of their requests. */
export function heldWhere(auth: Who): { sql: string; params: Param[] } {
	return {
		sql: 'team_id = ? AND id IN (SELECT household_id FROM need_holders WHERE team_id = ? AND device_id = ?)',
		params: [auth.teamId, auth.teamId, auth.deviceId]
	};
}

/**
 * The last cursor value at which this device gained or lost a request outside its full view: its
 * copy then lacks the household's details, or holds ones it may no longer keep, so it rebuilds
 * from 0 (pull's scope version). Leads: always 0. A volunteer who sees the team in full gets no
 * change for the team's own households (writeHolders asks its full view), but does for a foreign
 * door (needs/foreign-door.ts), which no volunteer's scope holds.
 */
export async function holdVersion(db: Db, auth: Who): Promise<number> {
	if (auth.role !== 'volunteer') return 0;
	const row = await db.get<{ s: number | null }>(
		'SELECT MAX(seq) AS s FROM need_hold_changes WHERE team_id = ? AND device_id = ?',
		[auth.teamId, auth.deviceId]
	);
	return Number(row?.s ?? 0);
}

/** Whether a device sees a household in full without holding any of its requests. */
export type FullView = (deviceId: string, householdId: string) => Promise<boolean>;

/**
 * After a push (or in the migration that filled the table): records each touched request's holder
 * now, and for a device that gained or lost it while the household is outside its full view, a
 * change at the cursor value `changeSeq` gives — asked only when such a change is written.
 */
export async function writeHolders(
	tx: Db,
	teamId: string,
	touched: ReadonlyMap<string, { householdId: string; need: Need | null }>,
	fullView: FullView,
	changeSeq: (needId: string) => Promise<number>
): Promise<void> {
	if (!touched.size) return;
	const ids = [...touched.keys()];
	const rows = await tx.all<{ need_id: string; device_id: string | null }>(
		`SELECT need_id, device_id FROM need_holders WHERE team_id = ? AND need_id IN (${ids.map(() => '?').join(', ')})`,
		[teamId, ...ids]
	);
	const before = new Map(rows.map((r) => [r.need_id, r.device_id]));
	for (const [needId, t] of touched) {
		const now = holderOf(t.need);
		const was = before.has(needId) ? (before.get(needId) ?? null) : undefined;
		if (was === now) continue;
		await tx.run(
			'INSERT INTO need_holders (team_id, need_id, household_id, device_id) VALUES (?, ?, ?, ?) ON CONFLICT (team_id, need_id) DO UPDATE SET device_id = excluded.device_id',
			[teamId, needId, t.householdId, now]
		);
		for (const device of [was, now]) {
			if (!device || (await fullView(device, t.householdId))) continue;
			await tx.run(
				'INSERT INTO need_hold_changes (team_id, device_id, need_id, seq) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
				[teamId, device, needId, await changeSeq(needId)]
			);
		}
	}
}
