// Starting and stopping the servers the load benchmark measures: the built Doorstep server
// (SQLite or PostgreSQL) and the peer, pouchdb-server 4.2.0 in memory. Loopback only; every
// wait is bounded by a count of tries and gives up by itself.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { httpClient } from './http.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function portFree(port) {
	return new Promise((res) => {
		const s = createServer();
		s.once('error', () => res(false));
		s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
	});
}

/** Free ports from 4400–4499 (this benchmark's range), `count` of them. */
export async function pickPorts(count, from = 4440) {
	const out = [];
	for (let p = from; p < 4500 && out.length < count; p++) if (await portFree(p)) out.push(p);
	if (out.length < count) throw new Error(`only ${out.length} free ports in ${from}–4499`);
	return out;
}

/** Waits until `probe` resolves true; at most `tries` × 200 ms, then throws. */
async function waitFor(what, probe, child, tries = 900) {
	for (let i = 0; i < tries; i++) {
		if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before it was ready`);
		try {
			if (await probe()) return;
		} catch {
			// not listening yet
		}
		await sleep(200);
	}
	throw new Error(`${what} did not become ready`);
}

function spawnLogged(name, cmd, args, opts, log) {
	const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
	const tail = [];
	const keep = (b) => {
		tail.push(String(b));
		if (tail.length > 40) tail.shift();
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	child.on('exit', (code, signal) => {
		if (code && code !== 0) log(`${name} exited with ${code ?? signal}; last output:\n${tail.join('')}`);
	});
	return child;
}

/**
 * The built server: `node build/index.js` with its own port and data directory; PostgreSQL
 * when `databaseUrl` is given. `cpuProfDir` runs it under `node --cpu-prof`.
 */
export async function startDoorstep({ buildDir, port, dataDir, databaseUrl, demoSize, cpuProfDir, log }) {
	const args = [];
	if (cpuProfDir) {
		mkdirSync(cpuProfDir, { recursive: true });
		args.push('--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`);
	}
	args.push(join(buildDir, 'index.js'));
	const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DOORSTEP_QUIET: '1', DEMO_SIZE: demoSize };
	delete env.DATABASE_URL;
	if (databaseUrl) env.DATABASE_URL = databaseUrl;
	const child = spawnLogged(`doorstep(${databaseUrl ? 'postgres' : 'sqlite'})`, process.execPath, args, { env }, log);
	const http = httpClient(port, 4);
	// 401 from the pull endpoint: the store is open, migrated and seeded (the init hook).
	await waitFor('the Doorstep server', async () => (await http.request('GET', '/api/sync/pull')).status === 401, child);
	http.close();
	return child;
}

/** The peer: pouchdb-server 4.2.0 --in-memory, installed outside the repo if missing. */
export function ensurePouch(prefix, log) {
	const bin = join(prefix, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server');
	if (existsSync(bin)) return bin;
	log(`installing pouchdb-server@4.2.0 into ${prefix} (outside the repo, never into package.json)`);
	try {
		mkdirSync(prefix, { recursive: true });
		execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', 'pouchdb-server@4.2.0'], {
			stdio: ['ignore', 'ignore', 'inherit'],
			timeout: 10 * 60_000
		});
	} catch (err) {
		log(`could not install pouchdb-server: ${err instanceof Error ? err.message : err}`);
		return null;
	}
	return existsSync(bin) ? bin : null;
}

export async function startPouch({ bin, port, dir, log }) {
	mkdirSync(dir, { recursive: true });
	// It writes config.json and log.txt into its working directory: a temporary one.
	const child = spawnLogged('pouchdb-server', process.execPath, [bin, '--in-memory', '--port', String(port), '--host', '127.0.0.1', '--no-stdout-logs'], { cwd: dir }, log);
	const http = httpClient(port, 4);
	await waitFor('pouchdb-server', async () => (await http.request('GET', '/')).status === 200, child);
	http.close();
	return child;
}

/** SIGINT (a graceful exit, so --cpu-prof writes its profile), SIGKILL if it lingers. */
export async function stop(child) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGINT');
	for (let i = 0; i < 150 && child.exitCode === null && child.signalCode === null; i++) await Promise.race([exited, sleep(100)]);
	if (child.exitCode === null && child.signalCode === null) {
		child.kill('SIGKILL');
		await exited;
	}
}
