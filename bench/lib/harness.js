// What every browser benchmark here needs: statistics, the built server on its own loopback
// port from a private copy of build/ (others rebuild build/ while a bench runs), Debian's
// Chromium, the CPU throttle, and its own section of docs/benchmarks.md.

import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT_DIR = join(ROOT, 'bench', 'out');
const DOC = join(ROOT, 'docs', 'benchmarks.md');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------- statistics ----------

export function median(xs) {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile. */
export function pct(xs, p) {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

export const ms = (x) => (x === undefined || Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

// ---------- server ----------

function portFree(port) {
	return new Promise((res) => {
		const s = createServer();
		s.once('error', () => res(false));
		s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
	});
}

/** The first free port among the candidates. */
export async function pickPort(candidates) {
	for (const p of candidates) if (await portFree(p)) return p;
	throw new Error(`no free port among ${candidates[0]}–${candidates[candidates.length - 1]}`);
}

/** Copies build/ and the start script aside, so a rebuild during the run cannot break it. */
export function snapshotBuild(dir) {
	rmSync(dir, { recursive: true, force: true });
	cpSync(join(ROOT, 'build'), join(dir, 'build'), { recursive: true });
	cpSync(join(ROOT, 'scripts', 'start.js'), join(dir, 'scripts', 'start.js'));
}

/** Starts the snapshot on SQLite in dataDir; demoSize (buildings,units,floors,rooms) or the small demo. */
export function startServer(snapshot, port, dataDir, demoSize) {
	const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DOORSTEP_QUIET: '1' };
	delete env.DEMO_SIZE;
	delete env.DATABASE_URL;
	if (demoSize) env.DEMO_SIZE = demoSize;
	const child = spawn(process.execPath, [join(snapshot, 'scripts', 'start.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let tail = '';
	const keep = (d) => (tail = (tail + d).slice(-4000));
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	child.tail = () => tail;
	return child;
}

export async function waitForServer(url, child, limitMs = 60_000) {
	const end = Date.now() + limitMs;
	while (Date.now() < end) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${child.tail()}`);
		try {
			const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
			if (r.ok) return;
		} catch {
			// not up yet
		}
		await sleep(200);
	}
	throw new Error(`server did not answer ${url} within ${limitMs} ms:\n${child.tail()}`);
}

export async function stopServer(child) {
	if (!child || child.exitCode !== null || child.signalCode) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	if (await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])) return;
	child.kill('SIGKILL');
	await Promise.race([exited, sleep(2000)]);
}

/** Polls fn every 250 ms until it answers something truthy. */
export async function until(what, fn, limitMs = 60_000) {
	const end = Date.now() + limitMs;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await sleep(250);
	}
}

// ---------- browser ----------

/** Debian's Chromium (Playwright may not download its own here), with the flags this machine needs. */
export const launchChromium = () =>
	chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-dev-shm-usage',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});

/** A fixed CPU-bound loop, to check that the throttle is in force on a page. */
export const calibrate = (page) =>
	page.evaluate(() => {
		const t0 = performance.now();
		let x = 0;
		for (let i = 0; i < 3_000_000; i++) x += Math.sqrt(i) % 7;
		return { ms: performance.now() - t0, x };
	});

export async function throttle(context, page, rate) {
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate });
	return cdp;
}

/** Rows in one object store of the app's database, or -1 while it does not exist yet. */
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

// ---------- report ----------

/** The commit measured, and whether the working tree had other changes to what is built. */
export function revision() {
	try {
		const git = (...a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
		const dirty = git('status', '--porcelain', '--', 'src', 'static', 'package.json', 'vite.config.ts', 'svelte.config.js');
		return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' plus uncommitted changes to the app in the working tree' : ''}`;
	} catch {
		return 'unknown';
	}
}

/** Replaces this bench's `<!-- bench:name -->` section of docs/benchmarks.md, or appends it. */
export function writeDoc(name, section) {
	mkdirSync(dirname(DOC), { recursive: true });
	const header =
		"# Benchmarks\n\nFigures measured on the project's own machines. Each section is written by its script; re-run the command to refresh it. These machines are shared and noisy, so compare each figure with the baseline measured in the same run.\n";
	let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : header;
	const re = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
	doc = re.test(doc) ? doc.replace(re, () => section) : `${doc.trimEnd()}\n\n${section}\n`;
	writeFileSync(DOC, doc);
}
