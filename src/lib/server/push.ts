import type { z } from 'zod';
import type { PushResult } from '$lib/domain/api';
import { EVENT_SCHEMA_VERSION, eventSchema, type FieldEvent } from '$lib/domain/schemas';
import type { DeviceAuth } from './auth';
import type { Db } from './db';
import { nextSeq } from './seq';

/** A reason a person can act on: which field, what was wrong. Never echoes the value. */
export function describeIssues(error: z.ZodError): string {
	return error.issues
		.slice(0, 5)
		.map((i) => `${i.path.length ? i.path.join('.') : 'event'}: ${i.message}`)
		.join('; ');
}

class Rejection extends Error {}

/**
 * The id a client sent, even on an event too broken to parse, so it can match the answer.
 * NUL is dropped because PostgreSQL text cannot hold it and the id goes into quarantine.
 */
const idOf = (raw: unknown): string => {
	const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
	return typeof id === 'string' ? id.replaceAll('\0', '').slice(0, 64) : '';
};

/** Where a NUL character hides in a parsed value: SQLite would keep it, PostgreSQL refuses it. */
function nulPath(value: unknown, path: string[] = []): string | null {
	if (typeof value === 'string') return value.includes('\0') ? path.join('.') || 'event' : null;
	if (typeof value !== 'object' || value === null) return null;
	for (const [key, inner] of Object.entries(value)) {
		const found = nulPath(inner, [...path, key]);
		if (found) return found;
	}
	return null;
}

/**
 * Event schema versions this server takes: the one this build writes and the one before, so a
 * device that has not updated yet can still deliver what it recorded. A v0 event has the v1
 * shape (v1 only made the version explicit), so it needs no upgrade and is stored as sent:
 * a recorded fact is never rewritten. A step that changes the shape adds its upgrade here.
 */
export const ACCEPTED_EVENT_VERSIONS: readonly number[] = [EVENT_SCHEMA_VERSION - 1, EVENT_SCHEMA_VERSION];

/** Every event must say which schema it was written in; an unknown one is refused by name. */
function checkVersion(raw: unknown): void {
	const v = typeof raw === 'object' && raw !== null ? (raw as { v?: unknown }).v : undefined;
	const accepted = ACCEPTED_EVENT_VERSIONS.join(' or ');
	if (v === undefined) throw new Rejection(`v: the event carries no schema version; this server accepts ${accepted}`);
	if (typeof v === 'number' && ACCEPTED_EVENT_VERSIONS.includes(v)) return;
	const shown = typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e6 ? ` ${v}` : '';
	throw new Rejection(
		`v: unknown event schema version${shown}; this server accepts ${accepted} — update the app on the device that recorded it`
	);
}

/**
 * Writes are checked against the team, not the device's assignments: assignments divide the
 * work and limit what a device is sent, but a volunteer may record at a door outside them
 * (helping a neighbour building, or an event recorded before the lead moved them elsewhere
 * and still in the outbox). Such an event is accepted and the lead sees it; another team's
 * household never is.
 */
async function householdOf(tx: Db, auth: DeviceAuth, e: FieldEvent): Promise<string> {
	const inTeam = async (householdId: string) => {
		const h = await tx.get('SELECT 1 AS ok FROM households WHERE id = ? AND team_id = ?', [
			householdId,
			auth.teamId
		]);
		if (!h) throw new Rejection(`householdId: no household ${householdId} in this team`);
		return householdId;
	};
	switch (e.type) {
		case 'visit': {
			const round = await tx.get('SELECT 1 AS ok FROM rounds WHERE id = ? AND team_id = ?', [
				e.roundId,
				auth.teamId
			]);
			if (!round) throw new Rejection(`roundId: no sampling round ${e.roundId} in this team`);
			return inTeam(e.householdId);
		}
		case 'void':
			return inTeam(e.householdId);
		case 'delivery_request': {
			const taken = await tx.get('SELECT 1 AS ok FROM orders WHERE id = ?', [e.order.id]);
			if (taken) throw new Rejection(`order.id: delivery order ${e.order.id} already exists`);
			return inTeam(e.order.householdId);
		}
		case 'delivery_outcome': {
			const order = await tx.get<{ household_id: string }>(
				'SELECT household_id FROM orders WHERE id = ? AND team_id = ?',
				[e.orderId, auth.teamId]
			);
			if (!order) throw new Rejection(`orderId: no delivery order ${e.orderId} in this team`);
			return order.household_id;
		}
	}
}

async function accept(tx: Db, auth: DeviceAuth, raw: unknown, seq: number): Promise<PushResult> {
	const rawId = idOf(raw);
	checkVersion(raw);
	const parsed = eventSchema.safeParse(raw);
	if (!parsed.success) throw new Rejection(describeIssues(parsed.error));
	const e = parsed.data;
	const nul = nulPath(e);
	if (nul) throw new Rejection(`${nul}: contains a NUL character, which cannot be stored`);
	if (e.deviceId !== auth.deviceId) {
		throw new Rejection('deviceId: the event was recorded on another device');
	}
	const had = await tx.get<{ team_id: string }>('SELECT team_id FROM events WHERE id = ?', [e.id]);
	if (had) {
		if (had.team_id !== auth.teamId) throw new Rejection('id: already used by another team');
		return { id: rawId, status: 'duplicate' };
	}
	const householdId = await householdOf(tx, auth, e);
	const now = new Date().toISOString();
	if (e.type === 'delivery_request') {
		const o = e.order;
		await tx.run(
			`INSERT INTO orders (id, team_id, household_id, items, urgency, note, purchase, seq)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			[o.id, auth.teamId, o.householdId, JSON.stringify(o.items), o.urgency, o.note, o.purchase ? 1 : 0, seq]
		);
	}
	await tx.run(
		`INSERT INTO events (id, team_id, device_id, type, household_id, body, received_at, seq)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		[e.id, auth.teamId, auth.deviceId, e.type, householdId, JSON.stringify(e), now, seq]
	);
	return { id: rawId, status: 'accepted' };
}

/**
 * Stores a batch in one transaction. Each event is judged on its own: a rejected one is
 * quarantined with its reason and never blocks the rest; a known id is acknowledged again.
 */
export async function pushEvents(
	db: Db,
	auth: DeviceAuth,
	events: unknown[],
	pending: number | undefined
): Promise<PushResult[]> {
	return db.tx(async (tx) => {
		let seq = events.length ? await nextSeq(tx, events.length) : 0;
		const results: PushResult[] = [];
		const now = new Date().toISOString();
		for (const raw of events) {
			try {
				results.push(await accept(tx, auth, raw, seq++));
			} catch (err) {
				if (!(err instanceof Rejection)) throw err;
				const id = idOf(raw);
				await tx.run(
					'INSERT INTO quarantine (event_id, device_id, reason, body, received_at) VALUES (?, ?, ?, ?, ?)',
					[id, auth.deviceId, err.message, JSON.stringify(raw ?? null).slice(0, 20_000), now]
				);
				results.push({ id, status: 'rejected', reason: err.message });
			}
		}
		await tx.run('UPDATE devices SET last_sync_at = ?, last_pending = ? WHERE id = ?', [
			now,
			pending ?? 0,
			auth.deviceId
		]);
		return results;
	});
}
