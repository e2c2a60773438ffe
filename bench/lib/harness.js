// What every benchmark here needs: statistics, free loopback ports, the built server from a
// private copy of build/ (others rebuild build/ while a bench runs) on SQLite or PostgreSQL,
// Debian's Chromium with the CPU throttle, machine facts, the revision measured, and its own
// section of docs/benchmarks.md. The run itself (time limit, signals, clean-up) is ./run.js.

import { loadDemo } from '../../tests/support/codes.js';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/support/chromium.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT_DIR = join(ROOT, 'bench', 'out');
/** BENCH_DOC writes the sections elsewhere (a scratch copy while trying a bench out). */
export const DOC = process.env.BENCH_DOC ?? join(ROOT, 'docs', 'benchmarks.md');

/**
 * The path of the pull page after `cursor`, sent with the scope version the previous page
 * answered (0 at first), as the app sends it: without it, a device whose scope version is not 0
 * is told to rebuild from 0 on every page and never reaches the end.
 * @param {number} cursor
 * @param {number} scope
 */
export const pullPath = (cursor, scope) => `/api/sync/pull?cursor=${cursor}&scope=${scope}`;

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A whole-number setting from the environment (sizes, repetitions, limits).
 * @param {string} name
 * @param {number} fallback
 */
export function intFromEnv(name, fallback) {
	const n = Number(process.env[name] ?? fallback);
	if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number`);
	return n;
}

// ---------- statistics ----------

/** @param {number[]} xs */
export function median(xs) {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Nearest-rank percentile.
 * @param {number[]} xs
 * @param {number} p
 */
export function pct(xs, p) {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

/**
 * The figures a bench reports for a series of timings, with the samples kept for bench/out/.
 * @param {number[]} xs
 */
export const summary = (xs) => ({
	n: xs.length,
	median: median(xs),
	p95: pct(xs, 95),
	min: Math.min(...xs),
	max: Math.max(...xs),
	all: xs
});

/**
 * A number with thousands separators and a fixed number of decimals; '—' for none.
 * @param {number | null | undefined} x
 */
export const fmt = (x, digits = 0) =>
	x === null || x === undefined || Number.isNaN(x)
		? '—'
		: x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * Milliseconds with as many decimals as their size deserves.
 * @param {number | undefined} x
 */
export const ms = (x) =>
	x === undefined || Number.isNaN(x) ? '—' : x >= 100 ? fmt(x) : x >= 10 ? fmt(x, 1) : fmt(x, 2);

// ---------- ports ----------

/** @param {number} port */
function portFree(port) {
	return new Promise((res) => {
		const s = createServer();
		s.once('error', () => res(false));
		s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
	});
}

/**
 * `count` free loopback ports in [from, to): each bench has its own range, so benches and
 * the e2e servers of other checkouts do not collide.
 * @param {number} count
 * @param {number} from
 * @param {number} to
 */
export async function pickPorts(count, from, to) {
	/** @type {number[]} */
	const out = [];
	for (let p = from; p < to && out.length < count; p++) if (await portFree(p)) out.push(p);
	if (out.length < count) throw new Error(`only ${out.length} free ports in ${from}–${to - 1}, ${count} needed`);
	return out;
}

// ---------- the server ----------

/**
 * The checkout a build was made in, when it sits in one (`BENCH_BUILD=<checkout>/build`): that
 * checkout's own scripts start the server and its own `npm run admin` loads the demo, so the
 * store's schema is the one the measured build migrates to. A bare copy of a build has no
 * source beside it; this checkout's then serve, and a build from another revision would run on
 * this revision's schema (the trap of session 9's bench:sync: an old server on a new schema).
 * @param {string} build
 * @returns {string | null}
 */
export function checkoutOf(build) {
	const dir = dirname(resolve(build));
	return existsSync(join(dir, 'scripts', 'admin.ts')) ? dir : null;
}

/**
 * Copies build/ (or BENCH_BUILD, or `from`) and the scripts of the checkout it was made in
 * (checkoutOf; this one for a bare copy) into `dir`, so a rebuild during the run cannot break
 * it; `dir`/checkout names the checkout whose admin loads the demo (startServer). Under
 * bench/out/, so Node still finds node_modules.
 * @param {string} dir
 * @param {string} [from]  another build (bench:field's clear build)
 */
export function snapshotBuild(dir, from) {
	const source = resolve(from ?? process.env.BENCH_BUILD ?? join(ROOT, 'build'));
	if (!existsSync(join(source, 'index.js')))
		throw new Error(`no build at ${source}: run \`npm run build\` first (the bench:* scripts do)`);
	const checkout = checkoutOf(source);
	if (!checkout)
		console.warn(
			`${source} has no checkout beside it: the demo is loaded with this checkout's schema; build in a checkout of the measured revision (BENCH_BUILD=<checkout>/build) to compare revisions`
		);
	rmSync(dir, { recursive: true, force: true });
	cpSync(source, join(dir, 'build'), { recursive: true });
	cpSync(join(checkout ?? ROOT, 'scripts'), join(dir, 'scripts'), { recursive: true });
	writeFileSync(join(dir, 'checkout'), checkout ?? ROOT);
	return dir;
}

/**
 * @typedef {import('node:child_process').ChildProcess & { tail: () => string }} Server
 * @typedef {Server & { codes: import('../../tests/support/codes.js').DemoCodes }} DoorstepServer  our server, with the demo's codes
 * @typedef {object} ServerOptions
 * @property {string} snapshot  a directory made by snapshotBuild
 * @property {number} port
 * @property {string} dataDir  the SQLite store's directory (fresh for each run)
 * @property {string | null} [demoSize]  DEMO_SIZE (buildings,units,floors,rooms); the small demo when absent
 * @property {string} [databaseUrl]  run on PostgreSQL instead of SQLite
 * @property {string | null} [cpuProfDir]  run under `node --cpu-prof`, profiles written there
 * @property {Record<string, string>} [env]  more of the server's environment (a bench-only switch)
 * @property {(...a: unknown[]) => void} [log]  told when the server exits with an error
 */

/**
 * Starts `node scripts/start.js` from the snapshot on loopback, as `npm start` serves the app,
 * after loading the demo community into its fresh store with the operator's command of the
 * checkout the build was made in (snapshotBuild); the server carries the demo's random codes.
 * @param {ServerOptions} o
 * @returns {DoorstepServer}
 */
export function startServer({ snapshot, port, dataDir, demoSize, databaseUrl, cpuProfDir, env: extra, log }) {
	const checkout = existsSync(join(snapshot, 'checkout')) ? readFileSync(join(snapshot, 'checkout'), 'utf8') : ROOT;
	const codes = loadDemo(
		{
			DATA_DIR: resolve(dataDir),
			DATABASE_URL: databaseUrl ?? '',
			...(demoSize ? { DEMO_SIZE: demoSize } : {})
		},
		undefined,
		checkout
	);
	/** @type {NodeJS.ProcessEnv} */
	const env = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: resolve(dataDir),
		DOORSTEP_QUIET: '1'
	};
	// A benchmark enrols hundreds of devices with one code from one address in a minute, far past
	// what one code sees in the field (src/lib/server/rate-limit.ts): its budget is lifted here.
	env.ENROL_PER_CODE = '1000000';
	delete env.DEMO_SIZE;
	delete env.DATABASE_URL;
	if (demoSize) env.DEMO_SIZE = demoSize;
	if (databaseUrl) env.DATABASE_URL = databaseUrl;
	Object.assign(env, extra);
	const args = [];
	if (cpuProfDir) {
		mkdirSync(cpuProfDir, { recursive: true });
		args.push('--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`);
	}
	args.push(join(snapshot, 'scripts', 'start.js'));
	return Object.assign(spawnServer(`server on port ${port}`, args, { cwd: ROOT, env }, log), { codes });
}

/**
 * Spawns a Node server process, keeping the tail of its output for error messages.
 * @param {string} name  for the message if it exits with an error
 * @param {string[]} args  to `node`
 * @param {import('node:child_process').SpawnOptions} options
 * @param {(...a: unknown[]) => void} [log]
 * @returns {Server}
 */
export function spawnServer(name, args, options, log) {
	const child = spawn(process.execPath, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
	let tail = '';
	/** @param {Buffer} d */
	const keep = (d) => (tail = (tail + d).slice(-4000));
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	child.on('exit', (code, signal) => {
		if (code) log?.(`${name} exited with ${code ?? signal}; last output:\n${tail}`);
	});
	return Object.assign(child, { tail: () => tail });
}

/**
 * Waits until the server answers `url` as `ready` says (by default any 2xx), or throws with
 * its last output.
 * @param {string} url
 * @param {Server} child
 * @param {{ limitMs?: number, ready?: (status: number) => boolean }} [o]
 */
export async function waitForServer(url, child, { limitMs = 60_000, ready = (s) => s >= 200 && s < 300 } = {}) {
	const end = Date.now() + limitMs;
	while (Date.now() < end) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${child.tail()}`);
		try {
			const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
			if (ready(r.status)) return;
		} catch {
			// not up yet
		}
		await sleep(200);
	}
	throw new Error(`server did not answer ${url} within ${limitMs} ms:\n${child.tail()}`);
}

/**
 * Stops a child gracefully (SIGINT lets `--cpu-prof` write its profile), SIGKILL if it lingers.
 * @param {import('node:child_process').ChildProcess | null | undefined} child
 */
export async function stopServer(child, signal = /** @type {NodeJS.Signals} */ ('SIGINT'), graceMs = 15_000) {
	if (!child || child.exitCode !== null || child.signalCode) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill(signal);
	if (await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])) return;
	child.kill('SIGKILL');
	await Promise.race([exited, sleep(2000)]);
}

/**
 * Polls fn every 250 ms until it answers something truthy.
 * @template T
 * @param {string} what
 * @param {() => Promise<T>} fn
 * @returns {Promise<NonNullable<T>>}
 */
export async function until(what, fn, limitMs = 60_000) {
	const end = Date.now() + limitMs;
	for (;;) {
		const v = await fn();
		if (v) return /** @type {NonNullable<T>} */ (v);
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await sleep(250);
	}
}

// ---------- the browser ----------

/** Debian's Chromium with this machine's flags, as the browser tests launch it. */
// The run wrapper closes it on a signal, after the pages and before the servers: Playwright's
// own handlers would exit the process first and leave the server and the snapshot behind.
export const launchChromium = () =>
	chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: CHROMIUM_ARGS,
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false
	});

/**
 * A fixed CPU-bound loop, to check that the throttle is in force on a page.
 * @param {import('@playwright/test').Page} page
 */
export const calibrate = (page) =>
	page.evaluate(() => {
		const t0 = performance.now();
		let x = 0;
		for (let i = 0; i < 3_000_000; i++) x += Math.sqrt(i) % 7;
		return { ms: performance.now() - t0, x };
	});

/**
 * @param {import('@playwright/test').BrowserContext} context
 * @param {import('@playwright/test').Page} page
 * @param {number} rate
 */
export async function throttle(context, page, rate) {
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate });
	return cdp;
}

/**
 * Opens `path` `reps` times in fresh pages of an offline context, each with a cold service
 * worker (stopped first, as when the phone has been in a pocket) and the CPU throttled `rate`×,
 * with `probe` installed before any page script. `measure` reads the page's figures; each run
 * also records whether the service worker served it and the throttle check. With `profile`, the
 * first load is recorded as a CDP CPU profile (from before the navigation to the end of
 * `measure`), kept as that run's `profile` for profileWindow.
 * @template T
 * @param {import('@playwright/test').BrowserContext} context
 * @param {{ path: string, rate: number, reps: number, probe: (arg: any) => void, probeArg?: unknown, measure: (page: import('@playwright/test').Page) => Promise<T>, profile?: boolean }} o
 */
export async function coldLoads(context, { path, rate, reps, probe, probeArg, measure, profile = false }) {
	const runs = [];
	for (let k = 0; k < reps; k++) {
		const page = await context.newPage();
		await page.addInitScript(probe, probeArg);
		const cdp = await context.newCDPSession(page);
		const swStopped = await cdp
			.send('ServiceWorker.enable')
			.then(() => cdp.send('ServiceWorker.stopAllWorkers'))
			.then(() => true)
			.catch(() => false);
		if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
		const profiling = profile && k === 0;
		if (profiling) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
		const response = await page.goto(path, { waitUntil: 'commit' });
		const fromSw = response?.fromServiceWorker() ?? false;
		const r = await measure(page);
		const cpuProfile = profiling ? (await cdp.send('Profiler.stop')).profile : undefined;
		const cal = await calibrate(page);
		runs.push({ ...r, fromSw, swStopped, calMs: cal.ms, ...(cpuProfile ? { profile: cpuProfile } : {}) });
		await cdp.detach().catch(() => {});
		await page.close();
	}
	return {
		runs,
		/** When the app's first read of households started and ended, if the probe noted it. */
		householdsStart: summary(runs.map((r) => /** @type {any} */ (r).householdsStart ?? NaN)),
		householdsEnd: summary(runs.map((r) => /** @type {any} */ (r).householdsEnd ?? NaN)),
		householdsRead: Math.max(...runs.map((r) => /** @type {any} */ (r).householdsRead ?? 0)),
		fromSw: runs.every((r) => r.fromSw),
		swStopped: runs.every((r) => r.swStopped),
		calMs: median(runs.map((r) => r.calMs))
	};
}

/**
 * Rows in one object store of the app's database, or -1 while it does not exist yet.
 * @param {import('@playwright/test').Page} page
 * @param {string} store
 * @returns {Promise<number>}
 */
export async function idbCount(page, store, dbName = 'doorstep') {
	return page.evaluate(
		([dbName, store]) =>
			new Promise((res) => {
				void indexedDB.databases().then((dbs) => {
					if (!dbs.some((d) => d.name === dbName)) return res(-1);
					const req = indexedDB.open(dbName);
					req.onerror = () => res(-1);
					req.onsuccess = () => {
						const db = req.result;
						try {
							const q = db.transaction(store).objectStore(store).count();
							q.onsuccess = () => {
								db.close();
								res(q.result);
							};
							q.onerror = () => {
								db.close();
								res(-1);
							};
						} catch {
							db.close();
							res(-1);
						}
					};
				});
			}),
		[dbName, store]
	);
}

// ---------- the report ----------

/** The commit measured, and whether the working tree had other changes to what is built. */
export function revision() {
	try {
		/** @param {string[]} a */
		const git = (...a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
		const dirty = git(
			'status',
			'--porcelain',
			'--',
			'src',
			'static',
			'scripts',
			'package.json',
			'vite.config.ts',
			'svelte.config.js'
		);
		return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' plus uncommitted changes to the app in the working tree' : ''}`;
	} catch {
		return 'unknown';
	}
}

/** The machine a figure was measured on. */
export function machine() {
	return {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown CPU',
		memGb: Math.round(os.totalmem() / 2 ** 30),
		node: process.version,
		playwright: /** @type {{ version: string }} */ (
			JSON.parse(readFileSync(join(ROOT, 'node_modules', 'playwright-core', 'package.json'), 'utf8'))
		).version
	};
}

/** The machine in one line, for a report. */
export function machineLine(m = machine()) {
	return `${m.cpus} × ${m.cpuModel}, ${m.memGb} GB RAM, Node ${m.node}`;
}

/**
 * Reads a bench's saved figures from bench/out/, or null.
 * @param {string} file
 * @returns {any}
 */
export function readJson(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

/**
 * Replaces this bench's `<!-- bench:name -->` section of docs/benchmarks.md, or appends it.
 * @param {string} name
 * @param {string} section
 */
export function writeDoc(name, section) {
	mkdirSync(dirname(DOC), { recursive: true });
	const header =
		"# Benchmarks\n\nFigures measured on the project's own machines. Each section is written by its script; re-run the command to refresh it. These machines are shared and noisy, so compare each figure with the baseline measured in the same run.\n";
	let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : header;
	const re = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
	doc = re.test(doc) ? doc.replace(re, () => section) : `${doc.trimEnd()}\n\n${section}\n`;
	writeFileSync(DOC, doc);
}

/**
 * This bench's section of the doc as it stands, or undefined.
 * @param {string} name
 */
export function readDocSection(name) {
	if (!existsSync(DOC)) return undefined;
	return new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`).exec(readFileSync(DOC, 'utf8'))?.[0];
}
