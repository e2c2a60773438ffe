import { describe, expect, it } from 'vitest';
import { NEED_EVENT_TYPES } from '$lib/domain/needs/events';
import type { NeedEvent } from '$lib/domain/schemas';
import { created, needEvent } from '$tests/support/needs';
import type { DeviceAuth } from '../auth';
import { admin } from '../lead/testing';
import { storedNeedEvents } from '../needs/book';
import { escalations, passNeed, transfers } from '../needs/transfer';
import { pushEvents } from '../push';
import { demoTeam, secondTeam, TEAM_B, visit } from '../testing/fixtures';
import { ForwardingDb } from '../testing/forwarding-db';
import { STORES, freshStore } from '../testing/stores';
import type { Db, Param } from './types';

/** The store as the code sees it, noting every statement that reads events by household. */
class ByHousehold extends ForwardingDb {
	constructor(
		inner: Db,
		readonly seen: { sql: string; params: Param[] }[]
	) {
		super(inner);
	}
	#note(sql: string, params: Param[] = []) {
		if (/\bevents\b/.test(sql) && /household_id/.test(sql)) this.seen.push({ sql, params });
	}
	override all<T>(sql: string, params?: Param[]): Promise<T[]> {
		this.#note(sql, params);
		return this.inner.all<T>(sql, params);
	}
	override get<T>(sql: string, params?: Param[]): Promise<T | undefined> {
		this.#note(sql, params);
		return this.inner.get<T>(sql, params);
	}
	protected within(inner: Db): Db {
		return new ByHousehold(inner, this.seen);
	}
}

/** The plan's text: SQLite's EXPLAIN QUERY PLAN details, PostgreSQL's EXPLAIN with scans of the whole table off. */
async function plan(db: Db, sql: string, params: Param[]): Promise<string> {
	if (db.dialect === 'sqlite') {
		const rows = await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params);
		return rows.map((r) => r.detail).join('\n');
	}
	// A test store is a few rows, where reading the whole table is cheapest; what is asked here is
	// whether the index can serve the query at all.
	return db.tx(async (tx) => {
		await tx.run('SET LOCAL enable_seqscan = off');
		const rows = await tx.all<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
		return rows.map((r) => r['QUERY PLAN']).join('\n');
	});
}

async function indexSql(db: Db, name: string): Promise<string | undefined> {
	if (db.dialect === 'sqlite')
		return (await db.get<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", [name]))
			?.sql;
	return (
		await db.get<{ indexdef: string }>(
			'SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?',
			[name]
		)
	)?.indexdef;
}

const who = (a: DeviceAuth) => ({ deviceId: a.deviceId, volunteer: a.volunteer });

describe.each(STORES)('the events index by household, needs desk only, on $name', (kind) => {
	const db = freshStore(kind);

	it('holds exactly the need types: a new type without a new migration step fails here', async () => {
		const def = await indexSql(db(), 'events_need_household');
		expect(def).toBeDefined();
		const named = [...(def ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
		expect(new Set(named)).toEqual(new Set(NEED_EVENT_TYPES));
		expect(await indexSql(db(), 'events_household_type')).toBeUndefined();
	});

	it('serves every query that finds events by household', async () => {
		const t = await demoTeam(db());
		await secondTeam(db());
		const office = await admin(db());
		const h = (await db().get<{ id: string }>('SELECT id FROM households WHERE team_id = ? ORDER BY id LIMIT 1', [
			t.lead.teamId
		]))!;
		const need = { needId: 'need-up', householdId: h.id };
		const pushed = await pushEvents(
			db(),
			t.lead,
			[
				created(who(t.lead), need, { kind: 'medicine', items: ['胰岛素'], urgency: 'medicine' } as Partial<NeedEvent>),
				needEvent('need_escalated', who(t.lead), need, { note: '本社区没有会开车的' }),
				visit({ householdId: h.id, roundId: t.roundId, deviceId: t.lead.deviceId, volunteer: t.lead.volunteer })
			],
			0
		);
		expect(pushed.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);

		const seen: { sql: string; params: Param[] }[] = [];
		const rec = new ByHousehold(db(), seen);
		// The push's look-up of a batch's requests, the office's escalations, its passing one on
		// (by the request's id, through needs), a lead's transfers.
		expect((await storedNeedEvents(rec, t.lead.teamId, [h.id])).map((e) => e.type)).toEqual([
			'need_created',
			'need_escalated'
		]);
		expect((await escalations(rec, office)).needs).toHaveLength(1);
		await passNeed(rec, office, { from: t.lead.teamId, needId: need.needId, to: TEAM_B.id });
		expect((await transfers(rec, t.lead)).outgoing).toHaveLength(1);
		expect(seen.filter((q) => /JOIN needs/.test(q.sql)).length).toBeGreaterThanOrEqual(1);
		expect(seen.length).toBeGreaterThanOrEqual(4);
		for (const q of seen) {
			// Each read of events in the statement (a subquery's too) goes through the index.
			const reads = q.sql.match(/\b(FROM|JOIN) events\b/g)?.length ?? 0;
			const used = (await plan(db(), q.sql, q.params)).match(/events_need_household/g)?.length ?? 0;
			expect(used, q.sql).toBeGreaterThanOrEqual(reads);
		}
	});
});
