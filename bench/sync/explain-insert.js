// `EXPLAIN ANALYZE` of a push's events INSERT on a PostgreSQL store a bench:sync run left behind:
// 500 visit rows of the bench's shape, written as push.ts's insertRows writes them (one JSON
// parameter read with the table's row type), each try inside a transaction that is rolled back,
// so the store is left as it was. Prints the execution time and each trigger's (the foreign-key
// checks) per try, then the medians. Usage: node bench/sync/explain-insert.js <database URL> [tries]
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
	/** @type {{ total: number, triggers: Record<string, number> }[]} */
	const tries = [];
	for (let t = 0; t < TRIES; t++) {
		const now = new Date().toISOString();
		const rows = Array.from({ length: ROWS }, (_, i) => {
			const e = visitEvent(device.id, households[i % households.length], round.id);
			const values = [
				e.id,
				device.team_id,
				device.id,
				e.type,
				e.householdId,
				JSON.stringify(e),
				now,
				1e9 + i,
				'志愿者'
			];
			return Object.fromEntries(COLUMNS.map((c, k) => [c, values[k]]));
		});
		await client.query('BEGIN');
		const plan = (
			await client.query(
				`EXPLAIN (ANALYZE, FORMAT JSON) INSERT INTO events (${COLUMNS.join(', ')}) SELECT ${COLUMNS.join(', ')} FROM json_populate_recordset(NULL::events, $1::json)`,
				[JSON.stringify(rows)]
			)
		).rows[0]['QUERY PLAN'][0];
		await client.query('ROLLBACK');
		/** @type {Record<string, number>} */
		const triggers = {};
		for (const tr of plan.Triggers ?? []) triggers[tr['Constraint Name'] ?? tr['Trigger Name']] = tr.Time;
		tries.push({ total: plan['Execution Time'], triggers });
		console.log(
			`try ${t + 1}: ${plan['Execution Time'].toFixed(1)} ms; ` +
				(Object.entries(triggers)
					.map(([n, ms]) => `${n} ${ms.toFixed(1)} ms`)
					.join(', ') || 'no triggers')
		);
	}
	const names = [...new Set(tries.flatMap((t) => Object.keys(t.triggers)))];
	const med = (/** @type {number[]} */ xs) => median(xs).toFixed(1);
	console.log(
		`median of ${TRIES}: ${med(tries.map((t) => t.total))} ms` +
			names.map((n) => `; ${n} ${med(tries.map((t) => t.triggers[n] ?? 0))} ms`).join('') +
			`; all triggers ${med(tries.map((t) => Object.values(t.triggers).reduce((a, b) => a + b, 0)))} ms`
	);
} finally {
	await client.end();
}
