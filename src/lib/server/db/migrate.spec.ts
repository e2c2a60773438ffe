import { describe, expect, it } from 'vitest';
import { STORES, freshStore } from '../testing/stores';
import { TEAM_B, count, demoTeam, secondTeam, visit } from '../testing/fixtures';
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
});
