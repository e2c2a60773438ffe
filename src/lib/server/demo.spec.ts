import { describe, expect, it } from 'vitest';
import { count } from './testing/fixtures';
import { STORES, freshStore } from './testing/stores';
import { demoHouseholds, seedDemo } from './demo';

describe.each(STORES)('demo seed on $name', (kind) => {
	const db = freshStore(kind);

	it('seeds the team once, however often the server starts', async () => {
		expect(await seedDemo(db())).toBe(true);
		const seq = await db().get<{ value: number }>("SELECT value FROM counters WHERE name = 'seq'");
		expect(await seedDemo(db())).toBe(false);
		expect(await count(db(), 'teams')).toBe(1);
		expect(await count(db(), 'households')).toBe(demoHouseholds().length);
		expect(await count(db(), 'rounds')).toBe(1);
		expect(await count(db(), 'orders')).toBe(5);
		expect(await db().get("SELECT value FROM counters WHERE name = 'seq'")).toEqual(seq);
	});

	it('seeds once when two starts race', async () => {
		const seeded = await Promise.all([seedDemo(db()), seedDemo(db())]);
		expect(seeded.filter(Boolean)).toHaveLength(1);
		expect(await count(db(), 'teams')).toBe(1);
	});

	it('gives every seeded row its own cursor value', async () => {
		await seedDemo(db());
		const rows = await db().all<{ seq: number }>(
			'SELECT seq FROM households UNION ALL SELECT seq FROM rounds UNION ALL SELECT seq FROM orders'
		);
		const seqs = rows.map((r) => r.seq);
		expect(new Set(seqs).size).toBe(seqs.length);
		const top = await db().get<{ value: number }>("SELECT value FROM counters WHERE name = 'seq'");
		expect(Math.max(...seqs)).toBeLessThanOrEqual(top?.value ?? 0);
	});
});
