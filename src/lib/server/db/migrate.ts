import { ensureEpoch } from '../epoch';
import { MIGRATIONS } from './migrations';
import type { Db } from './types';

/** Applies every migration step the store has not seen, each in its own transaction; gives a new store its epoch. */
export async function migrate(db: Db): Promise<void> {
	await db.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
	const row = await db.get<{ version: number }>('SELECT MAX(version) AS version FROM schema_version');
	const current = row?.version ?? 0;
	for (let v = current; v < MIGRATIONS.length; v++) {
		await db.tx(async (t) => {
			for (const statement of MIGRATIONS[v].split(';')) {
				if (statement.trim()) await t.run(statement);
			}
			await t.run('INSERT INTO schema_version (version) VALUES (?)', [v + 1]);
		});
	}
	await ensureEpoch(db);
}
