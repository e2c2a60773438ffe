// The peer bench:sync measures Doorstep against: pouchdb-server 4.2.0 in memory, installed
// outside the repo, on loopback. Started and stopped like the app's server (../lib/harness.js).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnServer, waitForServer } from '../lib/harness.js';

/** The peer: pouchdb-server 4.2.0 --in-memory, installed outside the repo if missing. */
/**
 * @param {string} prefix
 * @param {(...a: unknown[]) => void} log
 */
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

/**
 * @param {{ bin: string, port: number, dir: string, log: (...a: unknown[]) => void }} o
 */
export async function startPouch({ bin, port, dir, log }) {
	mkdirSync(dir, { recursive: true });
	// It writes config.json and log.txt into its working directory: a temporary one.
	const server = spawnServer(
		'pouchdb-server',
		[bin, '--in-memory', '--port', String(port), '--host', '127.0.0.1', '--no-stdout-logs'],
		{ cwd: dir },
		log
	);
	await waitForServer(`http://127.0.0.1:${port}/`, server, { limitMs: 180_000 });
	return server;
}
