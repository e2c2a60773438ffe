import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isSupported } from '$lib/domain/rounds/select';
import { authenticate, enrol } from '$lib/server/auth';
import { migrate } from '$lib/server/db/migrate';
import { SqliteDb } from '$lib/server/db/sqlite';
import { createRound } from '$lib/server/lead/rounds';
import { teamCounters } from '$lib/server/seq';
import { DEMO_TEAM } from '$lib/server/demo';
import { DEMO, seedDemo } from '$lib/server/testing/fixtures';
import { syncFetch } from '$lib/server/testing/sync-fetch';
import { DISTRIBUTION_DEF, SURVEY_FORM } from '$tests/support/round-events';
import { openDoorstepDb, type DoorstepDb } from './db';
import { record } from './record';
import type { Session } from './session';
import { pullChanges, syncOnce } from './sync';

/**
 * Round kinds and app versions (issue 12), the client's sync code against the real server store
 * with only HTTP replaced by a direct call. `serverKinds` drops kinds from what the device says
 * it knows, as a server newer than this build sees it: those rounds come as "unsupported".
 */
let server: SqliteDb;
let hidden: string[] = [];

async function lead() {
	const e = await enrol(server, DEMO.leadCode, '组长');
	return authenticate(server, `Bearer ${e!.token}`);
}

async function device(name: string): Promise<{ db: DoorstepDb; session: Session }> {
	const e = await enrol(server, DEMO.volunteerCode, name);
	if (!e) throw new Error('enrol failed');
	const db = openDoorstepDb(`kinds-${name}-${Math.random()}`);
	const session: Session = { ...e, volunteer: name };
	await pullChanges(db, session);
	return { db, session };
}

beforeEach(async () => {
	server = new SqliteDb(':memory:');
	await migrate(server);
	await seedDemo(server);
	hidden = [];
	vi.stubGlobal(
		'fetch',
		syncFetch(() => server, {
			kinds: (sent) =>
				sent
					?.split(',')
					.filter((k) => !hidden.includes(k))
					.join(',')
		})
	);
});
afterEach(async () => {
	vi.unstubAllGlobals();
	await server.close();
});

describe('round kinds in sync', () => {
	it('receives a round of a kind this build does not know as unsupported, and keeps syncing', async () => {
		hidden = ['survey'];
		const l = await lead();
		const survey = await createRound(server, l, { date: '2026-11-23', kind: 'survey', definition: SURVEY_FORM });
		const a = await device('甲');
		const rounds = await a.db.rounds.toArray();
		expect(rounds.find((r) => r.id === survey.value.id)).toMatchObject({ kind: 'unsupported', active: true });
		expect(rounds.filter(isSupported).map((r) => r.kind)).toEqual(['sampling']);
		// Sampling goes on as before beside it.
		const sampling = rounds.find((r) => r.kind === 'sampling')!;
		await record(a.db, a.session, {
			type: 'visit',
			householdId: 'demo-1-1-101',
			roundId: sampling.id,
			outcome: 'sampled',
			sampled: 1,
			residents: 1,
			tube: '',
			note: '',
			replaces: []
		});
		expect(await syncOnce(a.db, a.session)).toEqual({ accepted: 1, rejected: 0 });
	});

	it('a copy pulled by an older build is rebuilt once, bringing the rounds it missed, keeping the outbox', async () => {
		const l = await lead();
		const a = await device('甲');
		const b = await device('乙');
		const dist = (
			await createRound(server, l, { date: '2026-11-23', kind: 'distribution', definition: DISTRIBUTION_DEF })
		).value;
		await record(b.db, b.session, {
			type: 'distribution',
			householdId: 'demo-1-1-101',
			roundId: dist.id,
			outcome: 'delivered',
			quantity: 3,
			note: '',
			replaces: []
		});
		await syncOnce(b.db, b.session);
		// Device a as an older build left it: its cursor is past the round, which it never got.
		await a.db.meta.delete('kinds');
		await a.db.rounds.delete(dist.id);
		// (the store's own counter: not ahead of it, so only the change of kinds asks for the rebuild)
		await a.db.meta.put({ key: 'cursor', value: (await teamCounters(server, DEMO_TEAM.id)).seq });
		const sampling = (await a.db.rounds.toArray())[0];
		const unsent = await record(a.db, a.session, {
			type: 'visit',
			householdId: 'demo-1-1-102',
			roundId: sampling.id,
			outcome: 'refused',
			sampled: 0,
			residents: 1,
			tube: '',
			note: '',
			replaces: []
		});
		await pullChanges(a.db, a.session);
		expect(await a.db.rounds.get(dist.id)).toEqual(dist);
		expect((await a.db.events.toArray()).map((e) => e.type).sort()).toEqual(['distribution', 'visit']);
		expect(await a.db.outbox.get(unsent.id)).toBeDefined();
		expect((await a.db.meta.get('kinds'))?.value).toBe('sampling,distribution,disinfection,survey');
	});
});
