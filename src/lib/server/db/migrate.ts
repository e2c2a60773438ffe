import { ensureEpoch } from '../epoch';
import { MIGRATIONS, type MigrationStep } from './migrations';
import type { Db } from './types';

/** Runs one step on the Db it is given (a migration's transaction): its statements in order, or its code. */
export async function runStep(db: Db, step: MigrationStep): Promise<void> {
	if (typeof step !== 'string') return step.run(db);
	for (const statement of step.split(';')) {
		if (statement.trim()) await db.run(statement);
	}
}

/** The index of the one step whose SQL (or, for a step in code, whose `about`) holds `marker`. */
export function stepIndex(marker: string): number {
	const found = MIGRATIONS.flatMap((s, i) => ((typeof s === 'string' ? s : s.about).includes(marker) ? [i] : []));
	if (found.length !== 1) throw new Error(`${found.length} migration steps mention ${marker}`);
	return found[0];
}

/** The SQL of a step written in SQL, for a spec that reruns part of it. */
export function stepSql(index: number): string {
	const step = MIGRATIONS[index];
	if (typeof step !== 'string') throw new Error(`migration step ${index} is code: ${step.about}`);
	return step;
}

/** Applies every migration step the store has not seen, each in its own transaction; gives a new store its epoch. */
export async function migrate(db: Db): Promise<void> {
	await db.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
	const row = await db.get<{ version: number }>('SELECT MAX(version) AS version FROM schema_version');
	const current = row?.version ?? 0;
	for (let v = current; v < MIGRATIONS.length; v++) {
		await db.tx(async (t) => {
			await runStep(t, MIGRATIONS[v]);
			await t.run('INSERT INTO schema_version (version) VALUES (?)', [v + 1]);
		});
	}
	await ensureEpoch(db);
}
