// What SQLite's `synchronous = FULL` costs the sync server: bench/sync/index.js run on SQLite
// in one command with `synchronous = NORMAL` (the setting before, through the bench-only
// DOORSTEP_BENCH_SQLITE_SYNCHRONOUS) and with FULL (the server's setting now), alternating
// NORMAL, FULL, NORMAL, FULL … (BENCH_DURABILITY_REPEATS pairs, default 2) so that drift on a
// shared machine falls on both; the raw better-sqlite3 baseline runs at the same setting each
// time, and the disk's fsync is timed alongside. Ingest and the end-of-shift burst are compared;
// the main bench:sync section and its JSON are left as they were.
// `npm run bench:durability` (builds first); sizes as bench/sync/index.js (BENCH_* variables).

import { execFileSync, spawnSync } from 'node:child_process';
import {
	closeSync,
	copyFileSync,
	existsSync,
	fsyncSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
	writeFileSync,
	writeSync
} from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'bench', 'out');
const DOC = process.env.BENCH_DOC ?? join(ROOT, 'docs', 'benchmarks.md');
const SECTION = /<!-- bench:durability -->[\s\S]*?<!-- \/bench:durability -->/;
const MODES = ['NORMAL', 'FULL'];
const REPEATS = Number(process.env.BENCH_DURABILITY_REPEATS ?? 2);
const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One 4 KB write + fsync on the disk the servers' data directories are on, median of 200. */
function fsyncMs(dir) {
	const file = join(dir, 'fsync-probe');
	const fd = openSync(file, 'w');
	const xs = [];
	try {
		for (let i = 0; i < 200; i++) {
			const t = performance.now();
			writeSync(fd, Buffer.alloc(4096, 1));
			fsyncSync(fd);
			xs.push(performance.now() - t);
		}
	} finally {
		closeSync(fd);
		rmSync(file, { force: true });
	}
	return median(xs);
}
const log = (...a) => console.error('[bench:durability]', ...a);
const fmt = (x, digits = 0) =>
	x === null || x === undefined || Number.isNaN(x)
		? '—'
		: x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (x) => (x >= 100 ? fmt(x) : x >= 10 ? fmt(x, 1) : fmt(x, 2));

function revision() {
	try {
		const git = (...a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
		const dirty = git('status', '--porcelain', '--', 'src', 'package.json', 'bench');
		return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' plus uncommitted changes' : ''}`;
	} catch {
		return 'unknown';
	}
}

/** One bench:sync run on SQLite at `mode`; its JSON, leaving bench/out/sync-load.json as it was. */
function run(mode, scratch) {
	const main = join(OUT, 'sync-load.json');
	const kept = join(scratch, 'sync-load.json.kept');
	if (existsSync(main)) copyFileSync(main, kept);
	log(`sync-load on SQLite with synchronous = ${mode}`);
	const env = {
		...process.env,
		DOORSTEP_BENCH_SQLITE_SYNCHRONOUS: mode,
		BENCH_STORES: 'sqlite',
		BENCH_DOC: join(scratch, `doc-${mode}.md`)
	};
	const child = spawnSync(process.execPath, [join(ROOT, 'bench', 'sync', 'index.js')], {
		env,
		stdio: ['ignore', 'inherit', 'inherit']
	});
	try {
		if (child.status !== 0) throw new Error(`sync-load with ${mode} exited with ${child.status ?? child.signal}`);
		return JSON.parse(readFileSync(main, 'utf8'));
	} finally {
		if (existsSync(kept)) copyFileSync(kept, main);
		else rmSync(main, { force: true });
	}
}

/** One mode's figures: the median over its runs of each run's figure. */
function figures(runs) {
	const m = (f) => median(runs.map(f));
	const b = (x) => x.stores.sqlite.burst;
	return {
		runs: runs.length,
		ingest: m((x) => x.ingest.median.sqlite),
		ingestEach: runs.map((x) => x.ingest.median.sqlite),
		raw: m((x) => x.ingest.median.raw),
		burstS: m((x) => b(x).totalMs / 1000),
		burstEach: runs.map((x) => b(x).totalMs / 1000),
		burstRate: m((x) => b(x).eventsPerSecond),
		p50: m((x) => b(x).latency.p50),
		p95: m((x) => b(x).latency.p95),
		acknowledged: runs.reduce((n, x) => n + b(x).acknowledged, 0),
		sent: runs.reduce((n, x) => n + b(x).sent, 0),
		lost: runs.reduce((n, x) => n + b(x).lost, 0),
		config: runs[0].config,
		machine: runs[0].machine
	};
}

function section(r) {
	const [before, after] = MODES.map((mode) => figures(r.runs.filter((x) => x.mode === mode).map((x) => x.result)));
	const change = (a, c) => `${c >= a ? '+' : '−'}${fmt((Math.abs(c - a) / a) * 100, 0)} %`;
	const each = (xs, d = 0) => xs.map((x) => fmt(x, d)).join(', ');
	const c = before.config;
	const L = [
		'<!-- bench:durability -->',
		'## SQLite durability: `synchronous = NORMAL` (before) against `FULL` (now)',
		'',
		`- **Command:** \`${r.command}\` on ${r.date.replace('T', ' ').slice(0, 19)} UTC, revision ${r.revision}; the whole run took ${fmt(r.seconds)} s. ` +
			`It runs \`bench/sync/index.js\` on SQLite ${r.runs.length} times, alternating ${r.runs.map((x) => x.mode).join(', ')} (\`DOORSTEP_BENCH_SQLITE_SYNCHRONOUS\`, read only by the bench; the server always uses FULL), the raw better-sqlite3 baseline at the same setting each time; each figure below is the median over a mode's runs.`,
		`- **Disk:** one 4 KB write + fsync where the stores live took ${ms(r.fsyncMs)} ms (median of 200), which is what FULL adds to each commit (one push = one transaction).`,
		`- **Machine:** ${before.machine}, shared with other sessions: compare the two columns, not these figures with other sections.`,
		`- **Sizes:** ${fmt(c.HOUSEHOLDS)} households; ingest ${c.INGEST_ROUNDS} rounds × ${fmt(c.INGEST_BATCHES * c.BATCH)} events in pushes of ${c.BATCH}; burst ${fmt(c.BURST_DEVICES)} devices × ${c.BURST_EVENTS} events, ${c.BURST_INFLIGHT} in flight, pushes of ${c.BURST_BATCH}.`,
		'',
		'| | NORMAL (before) | FULL (now) | change |',
		'| --- | ---: | ---: | ---: |',
		`| ingest, events/s | ${fmt(before.ingest)} | ${fmt(after.ingest)} | ${change(before.ingest, after.ingest)} |`,
		`| ingest, each run | ${each(before.ingestEach)} | ${each(after.ingestEach)} | |`,
		`| raw better-sqlite3 baseline, events/s | ${fmt(before.raw)} | ${fmt(after.raw)} | ${change(before.raw, after.raw)} |`,
		`| burst, total s | ${fmt(before.burstS, 1)} | ${fmt(after.burstS, 1)} | ${change(before.burstS, after.burstS)} |`,
		`| burst, each run, s | ${each(before.burstEach, 1)} | ${each(after.burstEach, 1)} | |`,
		`| burst, events/s | ${fmt(before.burstRate)} | ${fmt(after.burstRate)} | ${change(before.burstRate, after.burstRate)} |`,
		`| burst push latency p50 / p95, ms | ${ms(before.p50)} / ${ms(before.p95)} | ${ms(after.p50)} / ${ms(after.p95)} | |`,
		`| burst: acknowledged / sent, lost (all runs) | ${fmt(before.acknowledged)} / ${fmt(before.sent)}, ${before.lost} | ${fmt(after.acknowledged)} / ${fmt(after.sent)}, ${after.lost} | |`,
		'',
		'Why FULL: in WAL mode NORMAL syncs only at checkpoints, so a power cut can lose the last commits that devices were already told were received (and they delete those events from their outbox on that answer). FULL syncs the WAL at every commit, so an acknowledged push is on disk. The cost is one fsync per push transaction, not per event: a push of 200–500 events is one transaction.',
		'<!-- /bench:durability -->'
	];
	return L.join('\n');
}

function writeSection(text) {
	mkdirSync(dirname(DOC), { recursive: true });
	let md = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
	md = SECTION.test(md) ? md.replace(SECTION, () => text) : `${md.trimEnd()}\n\n${text}\n`;
	writeFileSync(DOC, md);
}

const started = Date.now();
const scratch = mkdtempSync(join(os.tmpdir(), 'doorstep-durability-'));
try {
	/** @type {{ date: string, command: string, revision: string, fsyncMs: number, runs: { mode: string, result: unknown }[], seconds?: number }} */
	const result = {
		date: new Date().toISOString(),
		command: process.env.BENCH_COMMAND ?? 'npm run bench:durability',
		revision: revision(),
		fsyncMs: fsyncMs(os.tmpdir()),
		runs: []
	};
	for (let i = 0; i < REPEATS; i++) for (const mode of MODES) result.runs.push({ mode, result: run(mode, scratch) });
	result.seconds = (Date.now() - started) / 1000;
	mkdirSync(OUT, { recursive: true });
	writeFileSync(join(OUT, 'sync-durability.json'), JSON.stringify(result, null, 2));
	writeSection(section(result));
	log(`done in ${fmt(result.seconds)} s; figures in docs/benchmarks.md (bench:durability)`);
} finally {
	rmSync(scratch, { recursive: true, force: true });
}
