import { describe, expect, it } from 'vitest';
import { everyRow, storeBefore, tables } from '../testing/old-store';
import { STORES, freshStore } from '../testing/stores';
import { TEAM_B, assign, deliveryRequest, demoTeam, secondTeam, visit } from '../testing/fixtures';
import { pull } from '../pull';
import { pushEvents } from '../push';
import { migrate, runStep, stepIndex } from './migrate';
import { MIGRATIONS } from './migrations';
import type { Db } from './types';

/**
 * Tables that hold no team's rows, kept whole on every node of a database sharded by team
 * (Citus "reference tables"; docs/scaling.md says why each is one). `teams` is keyed by the
 * team id itself. Every other table is distributed by team_id: a new table must be added here
 * on purpose, or lead its keys with team_id.
 */
const REFERENCE_TABLES = [
	'counters',
	'invites',
	// issue 10 (session 4): a request the office passed from one community to another (org-led keys)
	'need_transfers',
	'orgs',
	'resident_buildings',
	'schema_version',
	'setup_tokens',
	'store_meta',
	'teams'
];

const STEP = stepIndex('CREATE TABLE devices_v13');

interface Keys {
	/** primary and unique keys, each its columns in order */
	unique: string[][];
	/** references to another table: its name, our columns in order */
	references: { table: string; columns: string[] }[];
	columns: string[];
}

async function keysOf(db: Db, table: string): Promise<Keys> {
	if (db.dialect === 'sqlite') {
		const columns = (await db.all<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`)).map(
			(c) => c.name
		);
		const indexes = await db.all<{ name: string; origin: string; unique: number }>(
			`SELECT name, origin, "unique" FROM pragma_index_list('${table}')`
		);
		const unique: string[][] = [];
		for (const ix of indexes.filter((i) => i.unique)) {
			const cols = await db.all<{ name: string }>(`SELECT name FROM pragma_index_info('${ix.name}') ORDER BY seqno`);
			unique.push(cols.map((c) => c.name));
		}
		const fks = await db.all<{ id: number; table: string; from: string }>(
			`SELECT id, "table", "from" FROM pragma_foreign_key_list('${table}') ORDER BY id, seq`
		);
		const byId = new Map<number, { table: string; columns: string[] }>();
		for (const f of fks) {
			const ref = byId.get(f.id) ?? { table: f.table, columns: [] };
			ref.columns.push(f.from);
			byId.set(f.id, ref);
		}
		return { unique, references: [...byId.values()], columns };
	}
	const columns = (
		await db.all<{ name: string }>(
			'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?',
			[table]
		)
	).map((c) => c.name);
	const unique = (
		await db.all<{ cols: string }>(
			`SELECT string_agg(a.attname, ',' ORDER BY k.o) AS cols
			 FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
			 CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, o)
			 JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
			 WHERE i.indisunique AND n.nspname = current_schema() AND t.relname = ?
			 GROUP BY i.indexrelid`,
			[table]
		)
	).map((r) => r.cols.split(','));
	const references = (
		await db.all<{ target: string; cols: string }>(
			`SELECT f.relname AS target, string_agg(a.attname, ',' ORDER BY k.o) AS cols
			 FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
			 JOIN pg_namespace n ON n.oid = t.relnamespace
			 CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, o)
			 JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
			 WHERE c.contype = 'f' AND n.nspname = current_schema() AND t.relname = ?
			 GROUP BY c.oid, f.relname`,
			[table]
		)
	).map((r) => ({ table: r.target, columns: r.cols.split(',') }));
	return { unique, references, columns };
}

/** Columns added after the re-key (session 8's foreign doors). */
const ADDED_LATER = ['foreign_of', 'door_need_id'];

const everything = (db: Db, names: string[]) => everyRow(db, names, ADDED_LATER);

describe.each(STORES)('keys led by the team on $name', (kind) => {
	const db = freshStore(kind);

	it('leads every primary and unique key, and every reference between team tables, with team_id', async () => {
		const names = await tables(db());
		expect(names).toEqual(expect.arrayContaining(REFERENCE_TABLES));
		const distributed = names.filter((t) => !REFERENCE_TABLES.includes(t));
		expect(distributed).toEqual(expect.arrayContaining(['devices', 'events', 'households', 'orders', 'rounds']));
		const wrong: string[] = [];
		for (const t of distributed) {
			const keys = await keysOf(db(), t);
			if (!keys.columns.includes('team_id')) wrong.push(`${t}: no team_id column`);
			for (const k of keys.unique) if (k[0] !== 'team_id') wrong.push(`${t}: key (${k.join(', ')})`);
			for (const r of keys.references) {
				if (!REFERENCE_TABLES.includes(r.table) && r.columns[0] !== 'team_id') {
					wrong.push(`${t}: reference (${r.columns.join(', ')}) to ${r.table}`);
				}
			}
		}
		expect(wrong).toEqual([]);
	});

	it('keeps every row and every device cursor of a store from before the re-key', async () => {
		await storeBefore(db(), STEP);
		const t = await demoTeam(db());
		const b = await secondTeam(db());
		await assign(db(), t.volunteer, '1');
		const first = visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' });
		expect(
			(await pushEvents(db(), t.volunteer, [first, deliveryRequest(t.volunteer, 'demo-1-1-102')], 0)).map(
				(r) => r.status
			)
		).toEqual(['accepted', 'accepted']);
		await pushEvents(
			db(),
			b.volunteer,
			[visit({ deviceId: b.volunteer.deviceId, roundId: b.roundId, householdId: TEAM_B.household })],
			0
		);
		// A refused event as the store kept it before quarantine knew the team.
		await db().run(
			"INSERT INTO quarantine (id, event_id, device_id, reason, body, bytes, received_at) VALUES ('q-1', 'bad-1', ?, 'v: no version', '{}', 20, '2026-11-23T09:00:00Z')",
			[t.volunteer.deviceId]
		);
		// Today's pull also reads the request holders (issue 10, session 4), added after the re-key:
		// empty for the pulls of that time (nobody held a request's phone then), and gone again.
		await runStep(db(), MIGRATIONS[stepIndex('CREATE TABLE need_holders')]);
		// And which households are foreign doors (session 8): none then, and gone again.
		await db().run('ALTER TABLE households ADD COLUMN foreign_of TEXT');
		const a = await pull(db(), t.volunteer, 0, 5000);
		const other = await pull(db(), b.volunteer, 0, 5000);
		await db().run('DROP TABLE need_hold_changes');
		await db().run('DROP TABLE need_holders');
		await db().run('ALTER TABLE households DROP COLUMN foreign_of');
		const names = await tables(db());
		const before = await everything(db(), names);

		await migrate(db());

		const after = await everything(db(), names);
		expect(after.schema_version).toHaveLength(MIGRATIONS.length);
		for (const name of names.filter((n) => n !== 'schema_version' && n !== 'quarantine')) {
			expect({ name, rows: after[name] }).toEqual({ name, rows: before[name] });
		}
		expect(
			(await db().all('SELECT team_id, id, event_id, device_id, reason FROM quarantine')).map((r) => ({
				...(r as object)
			}))
		).toEqual([
			{
				team_id: t.volunteer.teamId,
				id: 'q-1',
				event_id: 'bad-1',
				device_id: t.volunteer.deviceId,
				reason: 'v: no version'
			}
		]);
		// Both devices carry on from where they were: nothing to resync, nothing new.
		const againA = await pull(db(), t.volunteer, a.cursor, 5000, a.scope);
		const againB = await pull(db(), b.volunteer, other.cursor, 5000, other.scope);
		expect(againA.resync).toBeUndefined();
		expect(againB.resync).toBeUndefined();
		expect(againA.events).toEqual([]);
		expect(againB.events).toEqual([]);
		// A known id is still a duplicate; a new write lands just above the device's cursor.
		const next = visit({ deviceId: t.volunteer.deviceId, roundId: t.roundId, householdId: 'demo-1-1-101' });
		expect((await pushEvents(db(), t.volunteer, [first, next], 0)).map((r) => r.status)).toEqual([
			'duplicate',
			'accepted'
		]);
		const last = await pull(db(), t.volunteer, a.cursor, 5000, a.scope);
		expect(last.events.map((e) => e.id)).toEqual([next.id]);
	});
});
