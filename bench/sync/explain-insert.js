// `EXPLAIN ANALYZE` of a push's events INSERT on a PostgreSQL store a bench:sync run left behind:
// 500 visit rows of the bench's shape, written in each of two forms, alternately: as push.ts's
// insertRows writes them (one JSON parameter of row objects read with the table's row type,
// `json_populate_recordset`) and as session 11 tried and did not keep (one array parameter per
// column read with `unnest`, each cast to its column's type; docs/benchmarks.md). Each try runs
// inside a transaction that is rolled back, so the store is left as it was. Per form: the
// execution time and each trigger's (the foreign-key checks), and the time the client waited
// for a plain INSERT (encoding the parameter, the round trip, the execution); then the medians.
// Usage: node bench/sync/explain-insert.js <database URL> [tries]
import pg from 'pg';
import { median } from '../lib/harness.js';
import { visitEvent } from './events.js';

const url = process.argv[2];
const TRIES = Number(process.argv[3] ?? 7);
const ROWS = 500;
if (!url) throw new Error('usage: node bench/sync/explain-insert.js <database URL> [tries]');

const COLUMNS = ['id', 'team_id', 'device_id', 'type', 'household_id', 'body', 'received_at', 'seq', 'volunteer'];

const client = new pg.Client({ connectionString: url });
await client.connect();
try {
	const device = (await client.query("SELECT team_id, id FROM devices WHERE role = 'volunteer' ORDER BY id LIMIT 1"))
		.rows[0];
	const households = (
		await client.query('SELECT id FROM households WHERE team_id = $1 ORDER BY id', [device.team_id])
	).rows.map((r) => r.id);
	const round = (await client.query('SELECT id FROM rounds WHERE team_id = $1 LIMIT 1', [device.team_id])).rows[0];
	const stored = (await client.query('SELECT COUNT(*) AS n FROM events')).rows[0].n;
	const references = (
		await client.query(
			"SELECT conname FROM pg_constraint WHERE contype = 'f' AND conrelid = 'events'::regclass ORDER BY conname"
		)
	).rows.map((r) => r.conname);
	console.log(
		`store: ${stored} events, ${households.length} households; references on events: ${references.join(', ') || 'none'}`
	);
	const list = COLUMNS.join(', ');
	const types = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'text'];
	/**
	 * Each form: the statement and its parameters for rows of COLUMNS' values.
	 * @type {Record<'unnest' | 'json', { sql: string, params: (rows: unknown[][]) => unknown[] }>}
	 */
	const FORMS = {
		unnest: {
			sql: `INSERT INTO events (${list}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
			/** @param {unknown[][]} rows */
			params: (rows) => COLUMNS.map((_, k) => rows.map((r) => r[k]))
		},
		json: {
			sql: `INSERT INTO events (${list}) SELECT ${list} FROM json_populate_recordset(NULL::events, $1::json)`,
			/** @param {unknown[][]} rows */
			params: (rows) => [JSON.stringify(rows.map((r) => Object.fromEntries(COLUMNS.map((c, k) => [c, r[k]]))))]
		}
	};
	/** @type {Record<string, { total: number, wall: number, triggers: Record<string, number> }[]>} */
	const tries = { unnest: [], json: [] };
	let seq = 1e9;
	for (let t = 0; t < TRIES; t++) {
		const order = t % 2 ? ['json', 'unnest'] : ['unnest', 'json'];
		for (const form of /** @type {('unnest' | 'json')[]} */ (order)) {
			const now = new Date().toISOString();
			const rows = Array.from({ length: ROWS }, (_, i) => {
				const e = visitEvent(device.id, households[i % households.length], round.id);
				return [e.id, device.team_id, device.id, e.type, e.householdId, JSON.stringify(e), now, seq++, '志愿者'];
			});
			const { sql, params } = FORMS[form];
			await client.query('BEGIN');
			const plan = (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params(rows))).rows[0]['QUERY PLAN'][0];
			await client.query('ROLLBACK');
			await client.query('BEGIN');
			const started = performance.now();
			await client.query(sql, params(rows));
			const wall = performance.now() - started;
			await client.query('ROLLBACK');
			/** @type {Record<string, number>} */
			const triggers = {};
			for (const tr of plan.Triggers ?? []) triggers[tr['Constraint Name'] ?? tr['Trigger Name']] = tr.Time;
			tries[form].push({ total: plan['Execution Time'], wall, triggers });
			console.log(
				`try ${t + 1} ${form}: ${plan['Execution Time'].toFixed(1)} ms executing, ${wall.toFixed(1)} ms waited; ` +
					(Object.entries(triggers)
						.map(([n, ms]) => `${n} ${ms.toFixed(1)} ms`)
						.join(', ') || 'no triggers')
			);
		}
	}
	const med = (/** @type {number[]} */ xs) => median(xs).toFixed(1);
	for (const [form, ts] of Object.entries(tries)) {
		const names = [...new Set(ts.flatMap((t) => Object.keys(t.triggers)))];
		console.log(
			`${form}, median of ${TRIES}: ${med(ts.map((t) => t.total))} ms executing, ${med(ts.map((t) => t.wall))} ms waited` +
				names.map((n) => `; ${n} ${med(ts.map((t) => t.triggers[n] ?? 0))} ms`).join('') +
				`; all triggers ${med(ts.map((t) => Object.values(t.triggers).reduce((a, b) => a + b, 0)))} ms`
		);
	}
} finally {
	await client.end();
}
