// The one way a benchmark runs: a hang guard (it never judges a figure, it stops a stuck run),
// clean-up on success, failure, Ctrl-C or SIGTERM, and one exit code convention:
// 0 done, 1 a crash or a failed check, 2 the hang guard, 130 a signal.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { OUT_DIR, revision, snapshotBuild, startServer, stopServer, waitForServer } from './harness.js';

/**
 * @typedef {object} Run
 * @property {(...a: unknown[]) => void} log  to stderr, prefixed with the bench's name
 * @property {number} started  when the run began (ms since the epoch)
 * @property {string} revision  the commit measured (taken at the start, before anything is built)
 * @property {(dir: string, from?: string) => string} snapshot  a private copy of the build (or of `from`) in `dir`, removed at the end
 * @property {(step: () => unknown) => void} cleanup  runs at the end in reverse order, whatever happens
 * @property {(prefix: string) => string} tmpDir  a fresh temporary directory, removed at the end
 * @property {(o: import('./harness.js').ServerOptions, ready?: { path?: string, limitMs?: number, status?: (s: number) => boolean }) => Promise<import('./harness.js').DoorstepServer>} server
 *   starts the built server, waits until it answers, and stops it at the end
 */

/**
 * @param {string} name  the bench, as in `npm run bench:<name>`
 * @param {{ hangLimitMs: number }} options
 * @param {(run: Run) => Promise<void>} body
 */
export async function runBench(name, { hangLimitMs }, body) {
	const log = (/** @type {unknown[]} */ ...a) => console.error(`[bench:${name}]`, ...a);
	/** @type {(() => unknown)[]} */
	const steps = [];
	let cleaned = false;
	const cleanAll = async () => {
		if (cleaned) return;
		cleaned = true;
		for (const step of steps.reverse()) {
			try {
				await step();
			} catch (err) {
				log('clean-up step failed:', err instanceof Error ? err.message : err);
			}
		}
	};
	const guard = setTimeout(() => {
		log(`hang guard: still running after ${Math.round(hangLimitMs / 1000)} s (BENCH_HANG_LIMIT_MS); stopping`);
		void cleanAll().finally(() => process.exit(2));
	}, hangLimitMs);
	guard.unref();
	// `on`, not `once`: a second Ctrl-C during clean-up must not fall back to Node's default exit.
	const onSignal = () => void cleanAll().finally(() => process.exit(130));
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	/** @type {Run} */
	const run = {
		log,
		started: Date.now(),
		revision: revision(),
		snapshot(dir, from) {
			steps.push(() => rmSync(dir, { recursive: true, force: true }));
			return snapshotBuild(dir, from);
		},
		cleanup: (step) => void steps.push(step),
		tmpDir(prefix) {
			const dir = mkdtempSync(join(os.tmpdir(), prefix));
			steps.push(() => rmSync(dir, { recursive: true, force: true }));
			return dir;
		},
		async server(o, { path = '/', limitMs = 120_000, status } = {}) {
			const child = startServer({ log, ...o });
			steps.push(() => stopServer(child));
			await waitForServer(`http://127.0.0.1:${o.port}${path}`, child, { limitMs, ready: status });
			return child;
		}
	};
	mkdirSync(OUT_DIR, { recursive: true });
	try {
		await body(run);
	} catch (err) {
		console.error(err);
		process.exitCode = 1;
	} finally {
		clearTimeout(guard);
		await cleanAll();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	}
}
