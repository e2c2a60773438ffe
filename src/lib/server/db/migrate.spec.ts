import { describe, expect, it } from 'vitest';
import { STORES, freshStore } from '../testing/stores';
import { count } from '../testing/fixtures';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

describe.each(STORES)('migrate on $name', (kind) => {
	const db = freshStore(kind);

	it('records every step once and a second run changes nothing', async () => {
		expect(await count(db(), 'schema_version')).toBe(MIGRATIONS.length);
		await db().run("UPDATE counters SET value = 41 WHERE name = 'seq'");
		await migrate(db());
		await migrate(db());
		expect(await count(db(), 'schema_version')).toBe(MIGRATIONS.length);
		expect(await db().get("SELECT value FROM counters WHERE name = 'seq'")).toEqual({ value: 41 });
	});

	it('returns BIGINT counters as numbers, not strings', async () => {
		const row = await db().get<{ value: unknown; n: unknown }>(
			"SELECT value, (SELECT COUNT(*) FROM teams) AS n FROM counters WHERE name = 'seq'"
		);
		expect(row).toEqual({ value: 0, n: 0 });
	});

	it('rolls a failed transaction back whole', async () => {
		await expect(
			db().tx(async (tx) => {
				await tx.run("UPDATE counters SET value = 7 WHERE name = 'seq'");
				await tx.run('INSERT INTO no_such_table VALUES (1)');
			})
		).rejects.toThrow();
		expect(await db().get("SELECT value FROM counters WHERE name = 'seq'")).toEqual({ value: 0 });
	});
});
