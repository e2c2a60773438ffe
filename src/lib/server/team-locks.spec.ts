import { describe, expect, it } from 'vitest';
import { DEMO_TEAM } from './demo';
import { pushEvents } from './push';
import { nextSeq, teamCounters } from './seq';
import { demoTeam, secondTeam, TEAM_B, visit } from './testing/fixtures';
import { STORES, freshStore, type StoreKind } from './testing/stores';
import type { Db } from './db';

// SQLite has one writer at a time by design; teams running side by side is PostgreSQL's part.
const POSTGRES = STORES.filter((k) => k.name === 'postgres');
// Without a PostgreSQL server the suite is still declared, skipped: a file that declares none
// fails the run ("No test suite found") on a machine that runs the SQLite tests only.
const KINDS: StoreKind[] = POSTGRES.length
	? POSTGRES
	: [{ name: 'postgres', open: () => Promise.reject(new Error('no PostgreSQL')) }];

/** Transactions of this database waiting for a lock another holds. */
async function waiting(db: Db): Promise<number> {
	const row = await db.get<{ n: number }>(
		'SELECT COUNT(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted AND a.datname = current_database()'
	);
	return Number(row?.n ?? 0);
}

describe.skipIf(!POSTGRES.length).each(KINDS)('teams never wait on each other on $name', (kind) => {
	const db = freshStore(kind);

	it("commits one team's push while another team's writer holds its counter; that team's next writer waits", async () => {
		const a = await demoTeam(db());
		const b = await secondTeam(db());
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		let holding = () => {};
		const taken = new Promise<void>((resolve) => (holding = resolve));
		// Team A's writer takes its counter row and keeps the transaction open.
		const writerA = db().tx(async (tx) => {
			const seq = await nextSeq(tx, DEMO_TEAM.id);
			holding();
			await held;
			return seq;
		});
		await taken;
		// Team B pushes and commits meanwhile: with one deployment-wide counter it would wait here.
		const visitB = visit({ deviceId: b.volunteer.deviceId, roundId: b.roundId, householdId: TEAM_B.household });
		expect(await pushEvents(db(), b.volunteer, [visitB], 0)).toEqual([{ id: visitB.id, status: 'accepted' }]);
		expect(await db().get('SELECT team_id FROM events WHERE id = ?', [visitB.id])).toEqual({ team_id: TEAM_B.id });
		// A second writer of team A does wait for the first: the team's own order is kept.
		const visitA = visit({ deviceId: a.volunteer.deviceId, roundId: a.roundId, householdId: 'demo-1-1-101' });
		let secondDone = false;
		const secondA = pushEvents(db(), a.volunteer, [visitA], 0).then((r) => {
			secondDone = true;
			return r;
		});
		while ((await waiting(db())) === 0) await new Promise((r) => setTimeout(r, 20));
		expect(secondDone).toBe(false);
		release();
		const first = await writerA;
		expect(await secondA).toEqual([{ id: visitA.id, status: 'accepted' }]);
		const stored = await db().get<{ seq: number }>('SELECT seq FROM events WHERE id = ?', [visitA.id]);
		expect(stored?.seq).toBe(first + 1);
		expect((await teamCounters(db(), DEMO_TEAM.id)).seq).toBe(first + 1);
	});
});
