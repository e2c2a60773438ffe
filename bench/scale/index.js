// bench:scale — the end-of-shift burst spread over 1, 20 and 200 teams on PostgreSQL: the same
// devices and events each time, on loopback, bounded by count (never by time). Each team count
// runs twice on the same build, interleaved: once as served (a cursor counter per team) and once
// with DOORSTEP_BENCH_SINGLE_COUNTER=1, which makes every write also take one deployment-wide
// row first, as every write did before per-team counters. Same build, same run, one difference:
// the lock; an older revision's build would also differ in whatever else changed since.
//
// Each run gets a fresh database: the demo community loaded by the operator's command, cloned
// into the other teams with plain SQL (households, an active round, a volunteer code each), the
// devices enrolled through the API, spread evenly over the teams, then all push at once.

import pg from 'pg';
import { join } from 'node:path';
import {
	fmt,
	intFromEnv,
	machineLine,
	median,
	ms,
	OUT_DIR,
	pct,
	pickPorts,
	stopServer,
	writeDoc
} from '../lib/harness.js';
import { runBench } from '../lib/run.js';
import { visitEvent } from '../sync/events.js';
import { httpClient, pool } from '../sync/http.js';
import { writeFileSync } from 'node:fs';
import os from 'node:os';

const COMMAND = process.env.BENCH_COMMAND ?? 'npm run bench:scale';
const TEAMS = (process.env.BENCH_SCALE_TEAMS ?? '1,20,200').split(',').map(Number);
const DEVICES = intFromEnv('BENCH_SCALE_DEVICES', 200);
const EVENTS = intFromEnv('BENCH_SCALE_EVENTS', 300);
const BATCH = intFromEnv('BENCH_SCALE_BATCH', 200);
const INFLIGHT = intFromEnv('BENCH_SCALE_INFLIGHT', 50);
const ROUNDS = intFromEnv('BENCH_SCALE_ROUNDS', 1);
// 5 buildings × 2 units × 5 floors × 4 rooms: 200 households a team.
const DEMO_SIZE = process.env.BENCH_SCALE_DEMO_SIZE ?? '5,2,5,4';
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://doorstep:doorstep@127.0.0.1:5432/doorstep_test';
const PG_DB = process.env.BENCH_SCALE_PG_DB ?? 'doorstep_bench_scale';
const MODES = /** @type {const} */ (['single', 'perTeam']);

/** @param {string} db */
const dbUrl = (db) => {
	const url = new URL(PG_ADMIN_URL);
	url.pathname = `/${db}`;
	return url.toString();
};

/** A fresh, empty database for one run; answers PostgreSQL's version. */
async function freshDatabase() {
	const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
	await admin.connect();
	try {
		await admin.query(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
		await admin.query(`CREATE DATABASE ${PG_DB}`);
		return String((await admin.query('SHOW server_version')).rows[0].server_version);
	} finally {
		await admin.end();
	}
}

/**
 * Clones the demo team into teams bench-1 … bench-(n-1), each with its own volunteer code,
 * households, active round and counter; answers every team's code, round and households.
 * @param {number} n
 * @param {string} demoCode
 */
async function cloneTeams(n, demoCode) {
	const c = new pg.Client({ connectionString: dbUrl(PG_DB) });
	await c.connect();
	try {
		const extra = n - 1;
		await c.query('BEGIN');
		await c.query(
			`INSERT INTO teams (id, name, enrol_code, lead_code, created_at, org_id, kind, approval, full_when_unassigned)
			 SELECT 'bench-' || g, name || g, 'legacy-v-bench-' || g, 'legacy-l-bench-' || g, created_at, org_id, kind, 0, 1
			 FROM teams, generate_series(1, $1::int) g WHERE id = 'demo-team'`,
			[extra]
		);
		await c.query(
			`INSERT INTO invites (code, team_id, role, created_at)
			 SELECT 'BENCH' || lpad(g::text, 3, '0'), 'bench-' || g, 'volunteer', now()::text FROM generate_series(1, $1::int) g`,
			[extra]
		);
		await c.query(
			`INSERT INTO households (id, team_id, building, unit, floor, room, head, phone, residents, tags, note, seq)
			 SELECT 'b' || g || '-' || h.id, 'bench-' || g, building, unit, floor, room, head, phone, residents, tags, note, seq
			 FROM households h, generate_series(1, $1::int) g WHERE h.team_id = 'demo-team'`,
			[extra]
		);
		await c.query(
			`INSERT INTO rounds (id, team_id, date, kind, active, seq)
			 SELECT 'bench-round-' || g, 'bench-' || g, date, kind, 1, seq FROM rounds r, generate_series(1, $1::int) g
			 WHERE r.team_id = 'demo-team' AND r.active = 1`,
			[extra]
		);
		await c.query(
			`INSERT INTO team_counters (team_id, seq) SELECT 'bench-' || g, (SELECT seq FROM team_counters WHERE team_id = 'demo-team')
			 FROM generate_series(1, $1::int) g`,
			[extra]
		);
		await c.query('COMMIT');
		const households = (await c.query("SELECT id FROM households WHERE team_id = 'demo-team' ORDER BY id")).rows.map(
			(r) => String(r.id)
		);
		const round = String(
			(await c.query("SELECT id FROM rounds WHERE team_id = 'demo-team' AND active = 1")).rows[0].id
		);
		return Array.from({ length: n }, (_, g) =>
			g === 0
				? { code: demoCode, round, households }
				: {
						code: `BENCH${String(g).padStart(3, '0')}`,
						round: `bench-round-${g}`,
						households: households.map((h) => `b${g}-${h}`)
					}
		);
	} finally {
		await c.end();
	}
}

/**
 * Samples, every 50 ms until stopped, how many of the server's PostgreSQL sessions are waiting
 * for a lock (another transaction's row): the cost of a shared counter, whatever the CPU does.
 */
async function lockSampler() {
	const c = new pg.Client({ connectionString: dbUrl(PG_DB) });
	await c.connect();
	let running = true;
	let samples = 0;
	let waiting = 0;
	let busy = 0;
	const loop = (async () => {
		while (running) {
			const row = (
				await c.query(
					`SELECT COUNT(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting, COUNT(*) FILTER (WHERE state <> 'idle') AS busy
					 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`
				)
			).rows[0];
			samples++;
			waiting += Number(row.waiting);
			busy += Number(row.busy);
			await new Promise((r) => setTimeout(r, 50));
		}
	})();
	return async () => {
		running = false;
		await loop;
		await c.end();
		return { samples, meanWaiting: waiting / Math.max(1, samples), meanBusy: busy / Math.max(1, samples) };
	};
}

/** Rows the burst left in the store. */
async function stored() {
	const c = new pg.Client({ connectionString: dbUrl(PG_DB) });
	await c.connect();
	try {
		const row = (
			await c.query('SELECT (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM quarantine) AS quarantine')
		).rows[0];
		return { events: Number(row.events), quarantine: Number(row.quarantine) };
	} finally {
		await c.end();
	}
}

/**
 * One burst: enrol DEVICES over `teams` teams, then every device pushes its EVENTS in batches.
 * @param {import('../lib/run.js').Run} run
 * @param {number} port
 * @param {number} teams
 * @param {'single' | 'perTeam'} mode
 */
async function burst(run, port, teams, mode) {
	await freshDatabase();
	/** @type {Record<string, string>} */
	const env = { DOORSTEP_BENCH_SINGLE_COUNTER: mode === 'single' ? '1' : '0' };
	const child = await run.server(
		{
			snapshot: snapshotDir,
			port,
			dataDir: run.tmpDir('doorstep-scale-'),
			databaseUrl: dbUrl(PG_DB),
			demoSize: DEMO_SIZE,
			env
		},
		{ path: '/api/sync/pull', status: (s) => s === 401, limitMs: 180_000 }
	);
	const plan = await cloneTeams(teams, child.codes.volunteerCode);
	const http = httpClient(port, 64);
	try {
		const devices = await pool(DEVICES, 8, async (i) => {
			const team = plan[i % teams];
			const res = await http.request(
				'POST',
				'/api/enrol',
				JSON.stringify({ code: team.code, volunteer: `志愿者${i}` })
			);
			if (res.status !== 200) throw new Error(`enrol answered ${res.status}: ${res.text.slice(0, 200)}`);
			const body = JSON.parse(res.text);
			const events = Array.from({ length: EVENTS }, (_, k) =>
				visitEvent(body.deviceId, team.households[(i * 31 + k * 7) % team.households.length], team.round)
			);
			/** @type {string[]} */
			const batches = [];
			for (let k = 0; k < events.length; k += BATCH)
				batches.push(JSON.stringify({ events: events.slice(k, k + BATCH), pending: events.length - k }));
			return { auth: { authorization: `Bearer ${body.token}` }, batches };
		});
		/** @type {number[]} */
		const latencies = [];
		let accepted = 0;
		const stopSampling = await lockSampler();
		const started = performance.now();
		await pool(devices.length, INFLIGHT, async (i) => {
			for (const body of devices[i].batches) {
				const res = await http.request('POST', '/api/sync/push', body, devices[i].auth);
				if (res.status !== 200) throw new Error(`push answered ${res.status}: ${res.text.slice(0, 200)}`);
				latencies.push(res.ms);
				accepted += JSON.parse(res.text).results.filter(
					(/** @type {{ status: string }} */ r) => r.status === 'accepted'
				).length;
			}
		});
		const totalMs = performance.now() - started;
		const locks = await stopSampling();
		const sent = DEVICES * EVENTS;
		const rows = await stored();
		return {
			teams,
			mode,
			sent,
			accepted,
			stored: rows.events,
			quarantined: rows.quarantine,
			totalMs,
			eventsPerSecond: (sent / totalMs) * 1000,
			locks,
			p50: median(latencies),
			p95: pct(latencies, 95)
		};
	} finally {
		http.close();
		await stopServer(child);
	}
}

let snapshotDir = '';

/** @param {any} r */
function section(r) {
	const L = [];
	L.push('<!-- bench:scale -->', '## Scale: the end-of-shift burst over 1, 20 and 200 teams (PostgreSQL)', '');
	L.push(
		`\`${r.command}\`, ${r.date.slice(0, 16).replace('T', ' ')} UTC, revision ${r.revision}, ${r.machine}, PostgreSQL ${r.postgresVersion} on loopback; load average ${fmt(r.loadAverage, 1)} when it started (the machine is shared).`,
		''
	);
	L.push(
		`${fmt(r.config.DEVICES)} devices × ${fmt(r.config.EVENTS)} events (${fmt(r.config.DEVICES * r.config.EVENTS)} in all), ${r.config.BATCH} a push, ${r.config.INFLIGHT} devices in flight, the devices spread evenly over the teams, each team ${r.config.DEMO_SIZE.split(',').reduce((/** @type {number} */ a, /** @type {string} */ b) => a * Number(b), 1)} households; one Node server (pool of 10 connections). ` +
			`"One counter" runs the same build with DOORSTEP_BENCH_SINGLE_COUNTER=1 (every write also takes one deployment-wide row first, as before per-team counters); the two alternate, ${r.config.ROUNDS} round(s), the median shown.`,
		''
	);
	L.push(
		'| Teams | Per-team counters, events/s | One counter, events/s | Per-team ÷ one | p50 / p95 push, per-team (ms) | p50 / p95 push, one counter (ms) | Sessions waiting on a lock, per-team / one counter (of busy) | Stored of sent |',
		'|---:|---:|---:|---:|---:|---:|---:|---|'
	);
	for (const t of r.config.TEAMS) {
		const of = (/** @type {string} */ mode) =>
			r.runs.filter((/** @type {any} */ x) => x.teams === t && x.mode === mode);
		const eps = (/** @type {any[]} */ xs) => median(xs.map((x) => x.eventsPerSecond));
		const lat = (/** @type {any[]} */ xs) =>
			`${ms(median(xs.map((x) => x.p50)))} / ${ms(median(xs.map((x) => x.p95)))}`;
		const p = of('perTeam');
		const s = of('single');
		const lk = (/** @type {any[]} */ xs) =>
			`${fmt(median(xs.map((x) => x.locks.meanWaiting)), 1)} of ${fmt(median(xs.map((x) => x.locks.meanBusy)), 1)}`;
		const ok = [...p, ...s].every((x) => x.stored === x.sent && x.accepted === x.sent && x.quarantined === 0);
		L.push(
			`| ${t} | ${fmt(eps(p))} | ${fmt(eps(s))} | ${fmt(eps(p) / eps(s), 2)} × | ${lat(p)} | ${lat(s)} | ${lk(p)} / ${lk(s)} | ${ok ? 'all, none quarantined' : 'NOT ALL — see bench/out/scale.json'} |`
		);
	}
	L.push(
		'',
		"Sessions waiting on a lock: the mean, over samples every 50 ms during the burst, of the server's PostgreSQL sessions whose wait event is a lock, next to those not idle. It shows the queue a shared counter makes whatever the CPU does; events/s on a shared 2-core machine mostly shows the CPU.",
		'<!-- /bench:scale -->'
	);
	return L.join('\n');
}

await runBench('scale', { hangLimitMs: intFromEnv('BENCH_HANG_LIMIT_MS', 30 * 60_000) }, async (run) => {
	const [port] = await pickPorts(1, 4500, 4520);
	snapshotDir = run.snapshot(join(OUT_DIR, `scale-build-${process.pid}`));
	const result = {
		date: new Date().toISOString(),
		command: COMMAND,
		revision: run.revision,
		machine: machineLine(),
		loadAverage: os.loadavg()[0],
		postgresVersion: await freshDatabase(),
		config: { TEAMS, DEVICES, EVENTS, BATCH, INFLIGHT, ROUNDS, DEMO_SIZE },
		/** @type {any[]} */
		runs: []
	};
	for (let round = 0; round < ROUNDS; round++) {
		for (const teams of TEAMS) {
			for (const mode of round % 2 ? [...MODES].reverse() : MODES) {
				const b = await burst(run, port, teams, mode);
				run.log(
					`${teams} teams, ${mode}: ${fmt(b.eventsPerSecond)} events/s, p50 ${ms(b.p50)} ms, p95 ${ms(b.p95)} ms, stored ${fmt(b.stored)} of ${fmt(b.sent)}`
				);
				result.runs.push(b);
			}
		}
	}
	writeFileSync(join(OUT_DIR, 'scale.json'), JSON.stringify(result, null, 2));
	writeDoc('scale', section(result));
	const bad = result.runs.filter((b) => b.stored !== b.sent || b.accepted !== b.sent || b.quarantined);
	if (bad.length) throw new Error(`events lost or refused in ${bad.length} run(s): see bench/out/scale.json`);
});
