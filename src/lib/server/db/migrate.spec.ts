import { describe, expect, it } from 'vitest';
import { STORES, freshStore } from '../testing/stores';
import { everyRow, storeBefore, tables } from '../testing/old-store';
import { TEAM_B, count, deliveryRequest, demoTeam, secondTeam, visit } from '../testing/fixtures';
import { DEMO_TEAM } from '../demo';
import { pull } from '../pull';
import { pushEvents } from '../push';
import { teamCounters } from '../seq';
import { migrate, runStep, stepIndex } from './migrate';
import { MIGRATIONS } from './migrations';
import type { Db } from './types';

/** Puts the store back as it was before per-team counters: one global seq row, no team_counters. */
async function toGlobalCounter(db: Db, seq: number, horizon: number): Promise<void> {
	await db.run('DROP TABLE team_counters');
	await db.run("INSERT INTO counters (name, value) VALUES ('seq', ?), ('horizon', ?)", [seq, horizon]);
}

/** The references from the tables a push writes per event to teams, devices and households. */
async function pushReferences(db: Db): Promise<string[]> {
	const tables = ['events', 'orders', 'quarantine', 'care_events', 'care_people', 'needs'];
	if (db.dialect === 'sqlite') {
		const out: string[] = [];
		for (const t of tables) {
			const fks = await db.all<{ table: string; from: string }>(
				`SELECT "table", "from" FROM pragma_foreign_key_list('${t}') ORDER BY id, seq`
			);
			out.push(...fks.map((f) => `${t}.${f.from} -> ${f.table}`));
		}
		return out.sort();
	}
	const rows = await db.all<{ ref: string }>(
		`SELECT t.relname || ' -> ' || f.relname AS ref
		 FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
		 JOIN pg_namespace n ON n.oid = t.relnamespace
		 WHERE c.contype = 'f' AND n.nspname = current_schema() AND f.relname IN ('teams', 'devices', 'households')
		   AND t.relname IN (${tables.map((t) => `'${t}'`).join(', ')})
		 ORDER BY 1`
	);
	return rows.map((r) => r.ref);
}

/** Runs the per-team counters step again, wherever it sits now that later steps follow it. */
async function rerunCounterStep(db: Db): Promise<void> {
	await db.tx((t) => runStep(t, MIGRATIONS[stepIndex('CREATE TABLE team_counters')]));
}

describe.each(STORES)('migrate on $name', (kind) => {
	const db = freshStore(kind);

	it('records every step once and a second run changes nothing', async () => {
		expect(await count(db(), 'schema_version')).toBe(MIGRATIONS.length);
		await db().run("INSERT INTO counters (name, value) VALUES ('probe', 41)");
		await migrate(db());
		await migrate(db());
		expect(await count(db(), 'schema_version')).toBe(MIGRATIONS.length);
		expect(await db().get("SELECT value FROM counters WHERE name = 'probe'")).toEqual({ value: 41 });
	});

	it('returns BIGINT counters as numbers, not strings', async () => {
		await db().run("INSERT INTO counters (name, value) VALUES ('probe', 0)");
		const row = await db().get<{ value: unknown; n: unknown }>(
			"SELECT value, (SELECT COUNT(*) FROM teams) AS n FROM counters WHERE name = 'probe'"
		);
		expect(row).toEqual({ value: 0, n: 0 });
	});

	it('rolls a failed transaction back whole', async () => {
		await db().run("INSERT INTO counters (name, value) VALUES ('probe', 0)");
		await expect(
			db().tx(async (tx) => {
				await tx.run("UPDATE counters SET value = 7 WHERE name = 'probe'");
				await tx.run('INSERT INTO no_such_table VALUES (1)');
			})
		).rejects.toThrow();
		expect(await db().get("SELECT value FROM counters WHERE name = 'probe'")).toEqual({ value: 0 });
	});

	it('starts every team at the global counter, so every device cursor stays valid', async () => {
		const t = await demoTeam(db());
		const b = await secondTeam(db());
		await pushEvents(
			db(),
			t.volunteer,
			[visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' })],
			0
		);
		const a = await pull(db(), t.volunteer, 0, 5000);
		const other = await pull(db(), b.volunteer, 0, 5000);
		expect(a.more || other.more).toBe(false);
		// Before this step every team's cursor came from one row, at least as high as any team's.
		const global = Math.max(a.cursor, other.cursor) + 3;
		await toGlobalCounter(db(), global, 2);
		await rerunCounterStep(db());
		expect(await teamCounters(db(), DEMO_TEAM.id)).toEqual({ seq: global, horizon: 2 });
		expect(await teamCounters(db(), TEAM_B.id)).toEqual({ seq: global, horizon: 2 });
		expect(await db().all("SELECT name FROM counters WHERE name IN ('seq', 'horizon')")).toEqual([]);
		// Both devices continue from where they were; a cursor beyond the old counter still resyncs.
		expect((await pull(db(), t.volunteer, a.cursor, 5000, a.scope)).resync).toBeUndefined();
		expect((await pull(db(), b.volunteer, other.cursor, 5000, other.scope)).resync).toBeUndefined();
		expect((await pull(db(), t.volunteer, global + 1, 5000, a.scope)).resync).toBe('cursor-ahead');
		// New writes continue above the old value, so nothing is skipped by a device's cursor.
		await pushEvents(
			db(),
			t.volunteer,
			[visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' })],
			0
		);
		const next = await pull(db(), t.volunteer, a.cursor, 5000, a.scope);
		expect(next.events).toHaveLength(1);
		expect(next.cursor).toBe(global + 1);
	});

	it('drops the push tables’ references on PostgreSQL only, keeping every row; the push still refuses what they refused', async () => {
		await storeBefore(db(), stepIndex('drop the references of the tables a push writes'));
		const t = await demoTeam(db());
		const b = await secondTeam(db());
		const mine = visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' });
		const pushed = await pushEvents(db(), t.volunteer, [mine, deliveryRequest(t.volunteer, 'demo-1-1-102')], 0);
		expect(pushed.map((r) => r.status)).toEqual(['accepted', 'accepted']);
		await pushEvents(
			db(),
			b.volunteer,
			[visit({ deviceId: b.volunteer.deviceId, roundId: b.roundId, householdId: TEAM_B.household })],
			0
		);
		const references = await pushReferences(db());
		// Before the step both stores check events' team, device and household.
		expect(references.filter((r) => r.startsWith('events')).length).toBeGreaterThanOrEqual(3);
		const names = await tables(db());
		const before = await everyRow(db(), names);

		await migrate(db());

		expect(await count(db(), 'schema_version')).toBe(MIGRATIONS.length);
		const after = await everyRow(db(), names);
		for (const name of names.filter((n) => n !== 'schema_version'))
			expect({ name, rows: after[name] }).toEqual({ name, rows: before[name] });
		// SQLite keeps them (a table rebuild to drop one); PostgreSQL has none left.
		expect(await pushReferences(db())).toEqual(kind.name === 'sqlite' ? references : []);
		// The push's own checks still refuse another team's household, an unknown one, another team's device.
		const refused = [
			visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: TEAM_B.household }),
			visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'nowhere' }),
			visit({ deviceId: b.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' })
		];
		const answers = await pushEvents(db(), t.volunteer, refused, 0);
		expect(answers.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(await count(db(), 'events')).toBe(3);
	});
});
