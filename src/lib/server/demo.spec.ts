import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH } from './codes';
import { DEMO_TEAM, demoHouseholds, loadDemo } from './demo';
import { openDb } from './db';
import { createOrg } from './org/teams';
import { teamCounters } from './seq';
import { count, seedDemo } from './testing/fixtures';
import { STORES, freshStore } from './testing/stores';

describe.each(STORES)('demo community on $name', (kind) => {
	const db = freshStore(kind);

	it('is not there in a new store: nothing can be enrolled into until someone sets up', async () => {
		expect(await count(db(), 'teams')).toBe(0);
		expect(await count(db(), 'invites')).toBe(0);
	});

	it('loads once, with random codes of the safe alphabet; a second load is refused and changes nothing', async () => {
		const team = await seedDemo(db());
		const code = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);
		expect(team.volunteerCode).toMatch(code);
		expect(team.leadCode).toMatch(code);
		expect(team.volunteerCode).not.toBe(team.leadCode);
		const seq = await db().all('SELECT team_id, seq FROM team_counters ORDER BY team_id');
		const org = await db().get<{ id: string }>('SELECT id FROM orgs');
		await expect(db().tx((tx) => loadDemo(tx, org?.id ?? '', new Date()))).rejects.toMatchObject({ status: 409 });
		expect(await count(db(), 'households')).toBe(demoHouseholds().length);
		expect(await count(db(), 'rounds')).toBe(1);
		expect(await count(db(), 'orders')).toBe(5);
		expect(await db().all('SELECT team_id, seq FROM team_counters ORDER BY team_id')).toEqual(seq);
	});

	it('draws different codes in every store', async () => {
		const first = await seedDemo(db());
		const dir = mkdtempSync(join(tmpdir(), 'doorstep-demo-'));
		const other = await openDb('', dir);
		try {
			const again = await other.tx(async (tx) => loadDemo(tx, (await createOrg(tx, '另一街道')).orgId));
			expect([again.volunteerCode, again.leadCode]).not.toContain(first.volunteerCode);
			expect(again.teamId).toBe(DEMO_TEAM.id);
		} finally {
			await other.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('gives every loaded row its own cursor value', async () => {
		await seedDemo(db());
		const rows = await db().all<{ seq: number }>(
			'SELECT seq FROM households UNION ALL SELECT seq FROM rounds UNION ALL SELECT seq FROM orders'
		);
		const seqs = rows.map((r) => r.seq);
		expect(new Set(seqs).size).toBe(seqs.length);
		expect(Math.max(...seqs)).toBeLessThanOrEqual((await teamCounters(db(), DEMO_TEAM.id)).seq);
	});
});
