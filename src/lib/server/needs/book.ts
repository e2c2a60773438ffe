import { HOLDER_ONLY, LEAD_ONLY } from '$lib/domain/needs/events';
import { foldNeed } from '$lib/domain/needs/fold';
import type { FieldEvent, NeedEvent } from '$lib/domain/schemas';
import type { DeviceAuth } from '../auth';
import type { Db, Param } from '../db';
import { storedEvent, type EventRow } from '../event-row';
import { householdScope } from '../pull';
import { writeHolders } from './holders';
import { followTransfers } from './transfer-follow';
import { NEED_TYPES_SQL } from './types-sql';

const isNeedEvent = (e: FieldEvent): e is NeedEvent => e.type.startsWith('need_');
const placeKey = (p: { building: string; unit: string; room: string }) => `${p.building}\u0000${p.unit}\u0000${p.room}`;

/**
 * What the store knows about the requests a push names, loaded under the team's writers' lock
 * (so no other push of the team changes it meanwhile), and the rules a need event is judged by.
 * The server judges with the same fold as every device (foldNeed), over every event of the
 * request it holds plus those accepted earlier in this batch, stamped with this push's time.
 */
export class NeedBook {
	#needs = new Map<string, { teamId: string; householdId: string }>();
	#events = new Map<string, NeedEvent[]>();
	#devices = new Map<string, { volunteer: string; usable: boolean }>();
	#places = new Map<string, string>();
	#revoked = false;
	#rows: Param[][] = [];
	/** The requests this batch changed: their holder is written after it (holders.ts). */
	#touched = new Map<string, { householdId: string; seq: number }>();
	#teamId = '';
	#orgId = '';
	#now = '';

	/** Loads what the batch's need events refer to; does nothing for a batch without any. */
	async load(tx: Db, auth: DeviceAuth, events: readonly FieldEvent[]): Promise<void> {
		const named = events.filter(isNeedEvent);
		if (!named.length) return;
		this.#teamId = auth.teamId;
		this.#orgId = auth.orgId;
		const ids = [...new Set(named.map((e) => e.needId))];
		const needs = await tx.all<{ id: string; team_id: string; household_id: string }>(
			`SELECT id, team_id, household_id FROM needs WHERE id IN (${ids.map(() => '?').join(', ')})`,
			ids
		);
		for (const n of needs) this.#needs.set(n.id, { teamId: n.team_id, householdId: n.household_id });
		const households = [...new Set(needs.filter((n) => n.team_id === auth.teamId).map((n) => n.household_id))];
		for (const e of await storedNeedEvents(tx, auth.teamId, households)) this.#add(e);
		const doors = [...new Set(named.flatMap((e) => (e.type === 'need_created' ? [e.householdId] : [])))];
		if (doors.length) {
			const rows = await tx.all<{ id: string; building: string; unit: string; room: string }>(
				`SELECT id, building, unit, room FROM households WHERE team_id = ? AND id IN (${doors.map(() => '?').join(', ')})`,
				[auth.teamId, ...doors]
			);
			for (const h of rows) this.#places.set(h.id, placeKey(h));
		}
		const targets = [
			auth.deviceId,
			...named.flatMap((e) => (e.type === 'need_dispatched' && e.to ? [e.to.deviceId] : []))
		];
		const devices = await tx.all<{ id: string; volunteer: string; status: string; revoked_at: string | null }>(
			`SELECT id, volunteer, status, revoked_at FROM devices WHERE team_id = ? AND id IN (${targets.map(() => '?').join(', ')})`,
			[auth.teamId, ...targets]
		);
		for (const d of devices) {
			this.#devices.set(d.id, { volunteer: d.volunteer, usable: d.status === 'active' && !d.revoked_at });
		}
		this.#revoked = !this.#devices.get(auth.deviceId)?.usable;
	}

	#add(e: NeedEvent): void {
		const list = this.#events.get(e.needId);
		if (list) list.push(e);
		else this.#events.set(e.needId, [e]);
	}

	/**
	 * Why this need event is refused, or null to accept it. Judged in batch order, after the
	 * envelope checks (device, duplicate id) and with `householdInTeam` already asked.
	 *
	 * Steps are refused only when the device could have known better. A claim of a request
	 * someone else already holds is accepted (it was made offline in good faith; the fold leaves
	 * it unowned and tells its device "已由 X 接单"), and so is a step by a volunteer who held the
	 * request once and lost it (a claim raced, or the lead re-dispatched): kept, not counted.
	 */
	check(e: NeedEvent, auth: DeviceAuth, householdInTeam: boolean): string | null {
		if (!householdInTeam) return `householdId: no household ${e.householdId} in this team`;
		const known = this.#needs.get(e.needId);
		if (e.type === 'need_created') {
			if (known) return `needId: request ${e.needId} already exists`;
			// The place goes to volunteers outside the area instead of the household: it must be true.
			if (this.#places.get(e.householdId) !== placeKey(e.place)) {
				return `place: is not where household ${e.householdId} is (building, unit and room must match the roster)`;
			}
			return null;
		}
		if (!known || known.teamId !== auth.teamId) return `needId: no request ${e.needId} in this team`;
		if (known.householdId !== e.householdId) return `householdId: request ${e.needId} is for another household`;
		if (LEAD_ONLY.includes(e.type) && auth.role === 'volunteer') {
			return `type: only the team lead dispatches, cancels or escalates a request`;
		}
		if (e.type === 'need_dispatched' && e.to) {
			const target = this.#devices.get(e.to.deviceId);
			if (!target?.usable) return `to.deviceId: no approved, unrevoked device ${e.to.deviceId} in this team`;
			if (target.volunteer !== e.to.name) return `to.name: device ${e.to.deviceId} is enrolled as another name`;
		}
		if (e.type === 'need_claimed' && this.#revoked) {
			return 'type: this device was revoked; it may hand in what it recorded but not take a request';
		}
		if (HOLDER_ONLY.includes(e.type) && !this.#everHeld(e.needId, auth.deviceId)) {
			const holder = foldNeed(this.#events.get(e.needId) ?? [])?.holder;
			return holder
				? `needId: 已由 ${holder.name} 接单 — only the volunteer who holds a request records its steps`
				: `needId: request ${e.needId} is not held by this device; claim it or ask the team lead`;
		}
		return null;
	}

	/** Whether the device ever had the request: claimed it, or was dispatched it. */
	#everHeld(needId: string, deviceId: string): boolean {
		return (this.#events.get(needId) ?? []).some(
			(e) =>
				(e.type === 'need_claimed' && e.deviceId === deviceId) ||
				(e.type === 'need_dispatched' && e.to?.deviceId === deviceId)
		);
	}

	/** Takes an accepted event into account for the rest of the batch, and queues its row. */
	accepted(e: NeedEvent, auth: DeviceAuth, seq: number, now: string): void {
		if (e.type === 'need_created') {
			this.#needs.set(e.needId, { teamId: auth.teamId, householdId: e.householdId });
			this.#rows.push([e.needId, auth.teamId, e.householdId, e.kind, seq]);
		}
		this.#add({ ...e, volunteer: auth.volunteer, receivedAt: now });
		this.#now = now;
		this.#touched.set(e.needId, { householdId: e.householdId, seq });
	}

	async write(tx: Db): Promise<void> {
		for (let i = 0; i < this.#rows.length; i += 100) {
			const chunk = this.#rows.slice(i, i + 100);
			await tx.run(
				`INSERT INTO needs (id, team_id, household_id, kind, seq) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
				chunk.flat()
			);
		}
		const touched = new Map(
			[...this.#touched].map(([id, t]) => [
				id,
				{ householdId: t.householdId, need: foldNeed(this.#events.get(id) ?? []) }
			])
		);
		// A hold change is recorded at the request's last seq in this push.
		await writeHolders(
			tx,
			this.#teamId,
			touched,
			(deviceId, householdId) => seesInFull(tx, this.#teamId, deviceId, householdId),
			async (needId) => this.#touched.get(needId)?.seq ?? 0
		);
		const closed = new Map<string, 'done' | 'not_done'>();
		for (const [id, t] of touched) {
			if (t.need?.state === 'done' || t.need?.state === 'not_done') closed.set(id, t.need.state);
		}
		// Only a request made from a passed one has a transfer to follow (foreign-door.ts).
		if (closed.size) await followTransfers(tx, this.#orgId, this.#teamId, closed, this.#now);
	}
}

/**
 * Every stored event of the requests of these households of the team, as the server folds them
 * (the push, and the migration that filled need_holders, see holders-backfill.ts).
 */
export async function storedNeedEvents(tx: Db, teamId: string, households: readonly string[]): Promise<NeedEvent[]> {
	if (!households.length) return [];
	const rows = await tx.all<EventRow>(
		`SELECT body, volunteer, received_at FROM events WHERE team_id = ? AND household_id IN (${households.map(() => '?').join(', ')}) AND type IN (${NEED_TYPES_SQL})`,
		[teamId, ...households]
	);
	return rows.map((r) => storedEvent(r) as NeedEvent);
}

/** Whether a device of the team sees a household in full by its role and area alone. */
export async function seesInFull(tx: Db, teamId: string, deviceId: string, householdId: string): Promise<boolean> {
	const device = await tx.get<{ role: DeviceAuth['role'] }>('SELECT role FROM devices WHERE team_id = ? AND id = ?', [
		teamId,
		deviceId
	]);
	if (!device) return false;
	const scope = await householdScope(tx, { teamId, deviceId, role: device.role });
	if (scope.masked) return false;
	const row = await tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM households WHERE ${scope.sql} AND id = ?`, [
		...scope.params,
		householdId
	]);
	return Number(row?.n ?? 0) > 0;
}

export { isNeedEvent };
