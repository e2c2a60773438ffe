import { describe, expect, it } from 'vitest';
import { runStep, stepIndex, stepSql } from '../db/migrate';
import { pull } from '../pull';
import { pushEvents } from '../push';
import { demoTeam, visit } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import { voiding } from '$tests/support/events';
import type { Db } from '../db';

const STEP = stepIndex('CREATE TABLE round_versions (');

/** The store as it was before round kinds: no definitions, no survey versions. */
async function beforeRoundKinds(db: Db): Promise<void> {
	await db.run('DROP TABLE round_versions');
	await db.run('ALTER TABLE rounds DROP COLUMN definition');
}

/**
 * Runs the round kinds step again, as migrate did: steps after it (other features') stay applied.
 * Since issue 13 a round's key is (team_id, id), so the step's old reference to rounds(id) has
 * nothing to point at; it is rerun with the reference the re-key step gave the table.
 */
async function roundKindsStep(db: Db): Promise<void> {
	const step = stepSql(STEP)
		.replace('round_id TEXT NOT NULL REFERENCES rounds(id)', 'round_id TEXT NOT NULL')
		.replace(
			'PRIMARY KEY (team_id, round_id, version)',
			'PRIMARY KEY (team_id, round_id, version), FOREIGN KEY (team_id, round_id) REFERENCES rounds(team_id, id)'
		);
	await db.tx((t) => runStep(t, step));
}

describe.each(STORES)('the round kinds migration on $name', (kind) => {
	const db = freshStore(kind);

	it("leaves today's sampling rounds and events exactly as they were, and old devices pull the same", async () => {
		const t = await demoTeam(db());
		const dev = t.volunteer.deviceId;
		const first = visit({
			deviceId: dev,
			roundId: t.roundId,
			householdId: 'demo-1-1-101',
			outcome: 'nobody_home',
			sampled: 0
		});
		await pushEvents(
			db(),
			t.volunteer,
			[
				first,
				voiding(first, { deviceId: dev }),
				visit({ deviceId: dev, roundId: t.roundId, householdId: 'demo-1-1-102' })
			],
			0
		);
		const pulledBefore = await pull(db(), t.volunteer, 0, 5000, 0);
		await beforeRoundKinds(db());
		// What a server of today writes: a second sampling round, the first ended.
		await db().run('UPDATE rounds SET active = 0 WHERE id = ?', [t.roundId]);
		await db().run(
			"INSERT INTO rounds (id, team_id, date, kind, active, seq) VALUES ('round-2', ?, '2026-11-24', 'sampling', 1, ?)",
			[t.volunteer.teamId, pulledBefore.cursor + 1]
		);
		await db().run('UPDATE team_counters SET seq = ? WHERE team_id = ?', [pulledBefore.cursor + 1, t.volunteer.teamId]);
		const rounds = await db().all('SELECT * FROM rounds ORDER BY id');
		const events = await db().all('SELECT * FROM events ORDER BY id');
		await roundKindsStep(db());
		expect(await db().all('SELECT id, team_id, date, kind, active, seq FROM rounds ORDER BY id')).toEqual(rounds);
		expect(await db().all('SELECT definition FROM rounds')).toEqual(rounds.map(() => ({ definition: null })));
		expect(await db().all('SELECT * FROM events ORDER BY id')).toEqual(events);
		const old = await pull(db(), t.volunteer, 0, 5000, 0);
		const now = await pull(db(), t.volunteer, 0, 5000, 0, 'sampling,distribution,disinfection,survey');
		for (const page of [old, now]) {
			expect(page.events).toEqual(pulledBefore.events);
			expect(page.rounds).toEqual([
				{ id: t.roundId, date: '2026-11-23', kind: 'sampling', active: false },
				{ id: 'round-2', date: '2026-11-24', kind: 'sampling', active: true }
			]);
		}
		// Devices keep recording into the sampling round as before.
		const more = await pushEvents(
			db(),
			t.volunteer,
			[visit({ deviceId: dev, roundId: 'round-2', householdId: 'demo-1-1-101' })],
			0
		);
		expect(more[0].status).toBe('accepted');
	});
});
