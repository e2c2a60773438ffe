import type { Escalations, IncomingNeed, OutgoingNeed, TransferState, Transfers } from '$lib/domain/needs/transfer-api';
import { foldNeed, type Need } from '$lib/domain/needs/fold';
import type { NeedEvent } from '$lib/domain/schemas';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { HttpError } from '../errors';
import { storedEvent, type EventRow } from '../event-row';
import { leadTeam } from '../lead/team';
import { communityOf } from '../org/teams';
import { requireAdmin } from '../roles';
import { openAsOwnRequest } from './foreign-door';
import { NEED_TYPES_SQL } from './types-sql';

/**
 * Escalation across communities (上报街道 → 转派): the street office's administrator sees the
 * escalated requests of every community of the organisation and passes one to another community
 * (a central volunteer team is just a community of the organisation). The receiving lead sees it
 * with its history and the door and phone needed to deliver; the original lead sees where it
 * went and how it stands. `need_transfers` is the organisation's table: every query names org_id.
 */

interface TransferRow {
	need_id: string;
	door_need_id: string | null;
	from_team_id: string;
	to_team_id: string;
	household_id: string;
	passed_at: string;
	state: TransferState;
}

/** The requests of one team, folded from the server's events, with when each was escalated. */
async function teamNeeds(
	db: Db,
	teamId: string,
	needIds?: string[]
): Promise<Map<string, { need: Need; escalatedAt: string | null }>> {
	const rows = needIds
		? needIds.length
			? await db.all<EventRow>(
					`SELECT e.body, e.volunteer, e.received_at FROM events e JOIN needs n ON n.team_id = e.team_id AND n.household_id = e.household_id
					 WHERE e.team_id = ? AND n.id IN (${needIds.map(() => '?').join(', ')}) AND e.type IN (${NEED_TYPES_SQL})`,
					[teamId, ...needIds]
				)
			: []
		: await db.all<EventRow>(
				`SELECT body, volunteer, received_at FROM events WHERE team_id = ? AND type IN (${NEED_TYPES_SQL}) AND household_id IN
				 (SELECT household_id FROM events WHERE team_id = ? AND type IN (${NEED_TYPES_SQL}) AND type = 'need_escalated')`,
				[teamId, teamId]
			);
	const byNeed = new Map<string, NeedEvent[]>();
	for (const r of rows) {
		const e = storedEvent(r) as NeedEvent;
		const list = byNeed.get(e.needId);
		if (list) list.push(e);
		else byNeed.set(e.needId, [e]);
	}
	const out = new Map<string, { need: Need; escalatedAt: string | null }>();
	for (const [id, list] of byNeed) {
		const need = foldNeed(list);
		if (!need) continue;
		const up =
			list
				.filter((e) => e.type === 'need_escalated')
				.map((e) => e.receivedAt ?? e.at)
				.sort()[0] ?? null;
		out.set(id, { need, escalatedAt: up });
	}
	return out;
}

const teamNames = async (db: Db, orgId: string): Promise<Map<string, string>> =>
	new Map(
		(await db.all<{ id: string; name: string }>('SELECT id, name FROM teams WHERE org_id = ?', [orgId])).map((t) => [
			t.id,
			t.name
		])
	);

/** Every escalated request of the organisation's communities, least data (administrator). */
export async function escalations(db: Db, auth: DeviceAuth): Promise<Escalations> {
	requireAdmin(auth);
	return db.snapshot(async (r) => {
		const teams = await r.all<{ id: string; name: string; closed_at: string | null }>(
			"SELECT id, name, closed_at FROM teams WHERE org_id = ? AND kind = 'community' ORDER BY created_at, id",
			[auth.orgId]
		);
		const transfers = await r.all<TransferRow>(
			'SELECT need_id, door_need_id, from_team_id, to_team_id, household_id, passed_at, state FROM need_transfers WHERE org_id = ?',
			[auth.orgId]
		);
		const passed = new Map(transfers.map((t) => [`${t.from_team_id}\u0000${t.need_id}`, t]));
		const names = new Map(teams.map((t) => [t.id, t.name]));
		const needs: Escalations['needs'] = [];
		for (const t of teams) {
			for (const [id, { need, escalatedAt }] of await teamNeeds(r, t.id)) {
				if (!need.escalated || !escalatedAt || !need.askedAt) continue;
				const p = passed.get(`${t.id}\u0000${id}`);
				// A request closed in its own community before the office acted needs nothing more.
				if (!p && (need.state === 'done' || need.state === 'cancelled')) continue;
				const place = need.place ?? (await householdPlace(r, t.id, need.householdId));
				needs.push({
					needId: id,
					team: { id: t.id, name: t.name },
					kind: need.kind,
					urgency: need.urgency,
					channel: need.channel,
					askedAt: need.askedAt,
					escalatedAt,
					place,
					items: need.items,
					passed: p
						? { to: { id: p.to_team_id, name: names.get(p.to_team_id) ?? '' }, at: p.passed_at, state: p.state }
						: null
				});
			}
		}
		// Waiting ones first, oldest asked first: the longest wait is the first to look at.
		needs.sort(
			(a, b) =>
				Number(!!a.passed) - Number(!!b.passed) ||
				a.askedAt.localeCompare(b.askedAt) ||
				a.needId.localeCompare(b.needId)
		);
		return { needs, teams: teams.filter((t) => !t.closed_at).map((t) => ({ id: t.id, name: t.name })) };
	});
}

async function householdPlace(db: Db, teamId: string, householdId: string) {
	const h = await db.get<{ building: string; unit: string; room: string }>(
		'SELECT building, unit, room FROM households WHERE team_id = ? AND id = ?',
		[teamId, householdId]
	);
	return h ?? { building: '', unit: '', room: '' };
}

/**
 * The administrator passes an escalated request to another community of the same organisation.
 * Refused: another organisation's community (404, not probed), a request that is not escalated
 * or is closed (409), the same community (409), a request already passed (409), a closed
 * community as receiver (409).
 */
export async function passNeed(
	db: Db,
	auth: DeviceAuth,
	pass: { from: string; needId: string; to: string },
	now = new Date()
): Promise<{ needId: string; to: string; state: 'passed' }> {
	requireAdmin(auth);
	await communityOf(db, auth.orgId, pass.from);
	const to = await communityOf(db, auth.orgId, pass.to);
	if (pass.from === pass.to)
		throw new HttpError(409, 'to: the request is already in this community; pass it to another one');
	if (to.closed_at) throw new HttpError(409, `to: community ${to.name} is closed`);
	return db.tx(async (tx) => {
		const need = (await teamNeeds(tx, pass.from, [pass.needId])).get(pass.needId)?.need;
		if (!need) throw new HttpError(404, `needId: no request ${pass.needId} in community ${pass.from}`);
		if (!need.escalated)
			throw new HttpError(409, 'needId: only a request its lead escalated (上报街道) can be passed on');
		if (need.state === 'done' || need.state === 'cancelled')
			throw new HttpError(409, `needId: the request is already ${need.state === 'done' ? 'done' : 'cancelled'}`);
		const before = await tx.get<{ to_team_id: string }>(
			'SELECT to_team_id FROM need_transfers WHERE org_id = ? AND from_team_id = ? AND need_id = ?',
			[auth.orgId, pass.from, pass.needId]
		);
		if (before) throw new HttpError(409, `needId: the request was already passed to community ${before.to_team_id}`);
		const at = now.toISOString();
		// Two administrators at once: the key lets one in; the other is told, as for a second pass.
		const added = await tx.run(
			`INSERT INTO need_transfers (org_id, need_id, from_team_id, to_team_id, household_id, passed_at, passed_by, state, stated_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, 'passed', ?) ON CONFLICT (org_id, from_team_id, need_id) DO NOTHING`,
			[auth.orgId, pass.needId, pass.from, pass.to, need.householdId, at, auth.volunteer, at]
		);
		if (!added) throw new HttpError(409, 'needId: the request was already passed to another community');
		return { needId: pass.needId, to: pass.to, state: 'passed' as const };
	});
}

/** What the office passed to this community, and where this community's requests went (lead). */
export async function transfers(db: Db, auth: DeviceAuth, team?: string): Promise<Transfers> {
	const teamId = await leadTeam(db, auth, team);
	return db.snapshot(async (r) => {
		const names = await teamNames(r, auth.orgId);
		const rows = await r.all<TransferRow>(
			`SELECT need_id, door_need_id, from_team_id, to_team_id, household_id, passed_at, state FROM need_transfers
			 WHERE org_id = ? AND (to_team_id = ? OR from_team_id = ?) ORDER BY passed_at, need_id`,
			[auth.orgId, teamId, teamId]
		);
		const incoming: IncomingNeed[] = [];
		const outgoing: OutgoingNeed[] = [];
		for (const t of rows) {
			if (t.from_team_id === teamId) {
				outgoing.push({
					needId: t.need_id,
					to: { id: t.to_team_id, name: names.get(t.to_team_id) ?? '' },
					at: t.passed_at,
					state: t.state
				});
				continue;
			}
			const need = (await teamNeeds(r, t.from_team_id, [t.need_id])).get(t.need_id)?.need;
			if (!need || !need.askedAt) continue;
			const h = await r.get<{ building: string; unit: string; room: string; phone: string }>(
				'SELECT building, unit, room, phone FROM households WHERE team_id = ? AND id = ?',
				[t.from_team_id, t.household_id]
			);
			incoming.push({
				needId: t.need_id,
				from: { id: t.from_team_id, name: names.get(t.from_team_id) ?? '' },
				kind: need.kind,
				urgency: need.urgency,
				channel: need.channel,
				askedAt: need.askedAt,
				passedAt: t.passed_at,
				place: h
					? { building: h.building, unit: h.unit, room: h.room }
					: (need.place ?? { building: '', unit: '', room: '' }),
				phone: h?.phone ?? '',
				items: need.items,
				note: need.note,
				state: t.state,
				ownNeedId: t.door_need_id
			});
		}
		return { incoming, outgoing };
	});
}

const NEXT: Record<'taken' | 'done' | 'not_done', TransferState[]> = {
	taken: ['passed'],
	done: ['passed', 'taken'],
	not_done: ['passed', 'taken']
};

/** The receiving lead takes a passed request on, then says done or not done. */
export async function stepTransfer(
	db: Db,
	auth: DeviceAuth,
	from: string,
	needId: string,
	state: 'taken' | 'done' | 'not_done',
	team?: string,
	now = new Date()
): Promise<{ needId: string; state: TransferState; ownNeedId: string | null }> {
	const teamId = await leadTeam(db, auth, team);
	return db.tx(async (tx) => {
		const row = await tx.get<{ state: TransferState; household_id: string; door_need_id: string | null }>(
			'SELECT state, household_id, door_need_id FROM need_transfers WHERE org_id = ? AND to_team_id = ? AND from_team_id = ? AND need_id = ?',
			[auth.orgId, teamId, from, needId]
		);
		// Only the receiving community knows it; the sending lead and everyone else get 404.
		if (!row) throw new HttpError(404, `needId: no request ${needId} passed to this community`);
		if (!NEXT[state].includes(row.state)) throw new HttpError(409, `state: the request is already ${row.state}`);
		// Taken on by the team's lead, it becomes one of this team's requests, at a foreign door
		// (foreign-door.ts). The office acting for the team (?team=) has no device of the team to
		// record it under (events name the team's devices): it takes it on as before, by hand only.
		let own: string | null = row.door_need_id;
		if (state === 'taken' && auth.teamId === teamId) {
			const need = (await teamNeeds(tx, from, [needId])).get(needId)?.need;
			if (!need) throw new HttpError(404, `needId: no request ${needId} passed to this community`);
			const names = await teamNames(tx, auth.orgId);
			own = await openAsOwnRequest(
				tx,
				auth,
				teamId,
				{ id: from, name: names.get(from) ?? '' },
				row.household_id,
				need,
				now
			);
		}
		await tx.run(
			'UPDATE need_transfers SET state = ?, stated_at = ?, door_need_id = ? WHERE org_id = ? AND to_team_id = ? AND from_team_id = ? AND need_id = ?',
			[state, now.toISOString(), own, auth.orgId, teamId, from, needId]
		);
		return { needId, state, ownNeedId: own };
	});
}
