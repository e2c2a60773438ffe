import type { CommunitySummary, OverviewResponse } from '$lib/domain/org-api';
import { addToCoverage, emptyCoverage } from '$lib/domain/coverage';
import { foldAll, foldDelivery } from '$lib/domain/status';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { storedEvent, type EventRow } from '../event-row';
import { toHousehold, type HouseholdRow } from '../household-row';
import { requireAdmin } from '../roles';
import { NOT_FOREIGN } from '../needs/foreign-door';

/** A device that has not synced for this long, or last said it had unsent work, has not handed in. */
const HAND_IN_HOURS = 12;

async function summary(
	db: Db,
	team: { id: string; name: string; closed_at: string | null },
	now: Date
): Promise<CommunitySummary> {
	const rounds = await db.all<{ id: string; date: string; kind: string }>(
		'SELECT id, date, kind FROM rounds WHERE team_id = ? AND active = 1 ORDER BY date DESC, id DESC',
		[team.id]
	);
	const households = (
		await db.all<HouseholdRow>(`SELECT * FROM households WHERE team_id = ? AND ${NOT_FOREIGN}`, [team.id])
	).map(toHousehold);
	const events = (
		await db.all<EventRow>('SELECT body, volunteer, received_at FROM events WHERE team_id = ?', [team.id])
	).map(storedEvent);
	const coverage = emptyCoverage();
	// Households and people are sampling's measure; the other kinds' rounds are listed beside it.
	const sampling = rounds.find((r) => r.kind === 'sampling');
	if (sampling) for (const s of foldAll(households, events, sampling.id).values()) addToCoverage(coverage, s);
	else {
		for (const h of households) {
			coverage.households++;
			coverage.people += h.residents;
		}
	}
	const orders = await db.all<{ id: string }>('SELECT id FROM orders WHERE team_id = ?', [team.id]);
	const outcomes = events.filter((e) => e.type === 'delivery_outcome' || e.type === 'void');
	const openOrders = orders.filter((o) => foldDelivery(o.id, outcomes).state !== 'delivered').length;
	const devices = await db.all<{ status: string; last_sync_at: string | null; last_pending: number }>(
		'SELECT status, last_sync_at, last_pending FROM devices WHERE team_id = ? AND revoked_at IS NULL',
		[team.id]
	);
	const since = new Date(now.getTime() - HAND_IN_HOURS * 3600_000).toISOString();
	const active = devices.filter((d) => d.status === 'active');
	return {
		id: team.id,
		name: team.name,
		closedAt: team.closed_at,
		households: coverage.households,
		householdsDone: coverage.householdsDone,
		people: coverage.people,
		peopleDone: coverage.peopleDone,
		activeRounds: rounds,
		openOrders,
		devices: active.length,
		pendingDevices: devices.length - active.length,
		notHandedIn: active.filter((d) => !d.last_sync_at || d.last_sync_at < since || Number(d.last_pending) > 0).length
	};
}

/**
 * Every community of the administrator's organisation at a glance: counts only, never a
 * resident's name. Folded on the server from one snapshot per community; an office of a dozen
 * communities of a few thousand households each folds in well under a second.
 */
export async function overview(db: Db, auth: DeviceAuth, now = new Date()): Promise<OverviewResponse> {
	requireAdmin(auth);
	const org = await db.get<{ id: string; name: string }>('SELECT id, name FROM orgs WHERE id = ?', [auth.orgId]);
	const teams = await db.all<{ id: string; name: string; closed_at: string | null }>(
		"SELECT id, name, closed_at FROM teams WHERE org_id = ? AND kind = 'community' ORDER BY closed_at IS NOT NULL, created_at, id",
		[auth.orgId]
	);
	const communities: CommunitySummary[] = [];
	for (const t of teams) communities.push(await db.snapshot((r) => summary(r, t, now)));
	return { org: org ?? { id: auth.orgId, name: '' }, communities };
}
