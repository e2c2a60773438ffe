import type { Db } from '../db';

/**
 * After a push of this team: a request made from a passed one that reached done or not done moves
 * its transfer there too, so the sending lead sees 已完成 / 未完成 without the receiving lead stepping
 * it by hand. Done may follow a not done (the lead dispatched it again and it was delivered);
 * nothing moves a transfer back from done. Every query names org_id (an organisation's table).
 */
export async function followTransfers(
	tx: Db,
	orgId: string,
	teamId: string,
	closed: ReadonlyMap<string, 'done' | 'not_done'>,
	now: string
): Promise<void> {
	// Most teams never received a passed request: one look, and their pushes go on untouched.
	const any = await tx.get('SELECT 1 AS ok FROM need_transfers WHERE org_id = ? AND to_team_id = ? LIMIT 1', [
		orgId,
		teamId
	]);
	if (!any) return;
	for (const [needId, state] of closed) {
		await tx.run(
			`UPDATE need_transfers SET state = ?, stated_at = ? WHERE org_id = ? AND to_team_id = ? AND door_need_id = ? AND state IN (${state === 'done' ? "'passed', 'taken', 'not_done'" : "'passed', 'taken'"})`,
			[state, now, orgId, teamId, needId]
		);
	}
}
