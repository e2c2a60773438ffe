import { runStep } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import type { Db } from '../db';

/** Every table of the store, by name. */
export async function tables(db: Db): Promise<string[]> {
	const rows =
		db.dialect === 'sqlite'
			? await db.all<{ name: string }>(
					"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
				)
			: await db.all<{ name: string }>(
					'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename'
				);
	return rows.map((r) => r.name);
}

/**
 * Empties the store and builds it again as a server of that time left it: every migration step
 * before `step`, keeping the store's epoch. The next migrate() runs `step` and every one after it.
 */
export async function storeBefore(db: Db, step: number): Promise<void> {
	const names = await tables(db);
	const meta = await db.all<{ name: string; value: string }>('SELECT name, value FROM store_meta');
	if (db.dialect === 'postgres') await db.run(`DROP TABLE ${names.join(', ')} CASCADE`);
	else {
		await db.run('PRAGMA foreign_keys = OFF');
		for (const t of names) await db.run(`DROP TABLE ${t}`);
		await db.run('PRAGMA foreign_keys = ON');
	}
	await db.tx(async (t) => {
		await t.run('CREATE TABLE schema_version (version INTEGER NOT NULL)');
		for (let v = 0; v < step; v++) {
			await runStep(t, MIGRATIONS[v]);
			await t.run('INSERT INTO schema_version (version) VALUES (?)', [v + 1]);
		}
		for (const m of meta) await t.run('INSERT INTO store_meta (name, value) VALUES (?, ?)', [m.name, m.value]);
	});
}

/**
 * Every row of every table named, each as JSON with its columns sorted, in an order that does not
 * depend on how the store lays rows out: two reads compare equal when a step kept every row.
 * Columns in `leaveOut` (added by a later step, empty for every row of the time) are not compared.
 */
export async function everyRow(db: Db, names: string[], leaveOut: string[] = []): Promise<Record<string, string[]>> {
	const out: Record<string, string[]> = {};
	for (const t of names) {
		const rows = await db.all<Record<string, unknown>>(`SELECT * FROM ${t}`);
		out[t] = rows
			.map((r) =>
				JSON.stringify(
					Object.fromEntries(
						Object.entries(r)
							.filter(([k]) => !leaveOut.includes(k))
							.sort(([a], [b]) => a.localeCompare(b))
					)
				)
			)
			.sort();
	}
	return out;
}
