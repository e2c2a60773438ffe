// Convergence property test in benchmark mode: runs tests/system/convergence.spec.ts with
// NUM_RUNS (default 10,000) and writes the run count and time into the bench:sync section of
// docs/benchmarks.md (and bench/out/convergence.json). `npm run bench:convergence`.
// No time limit judges it: it passes or fails on the property alone.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOC, intFromEnv, OUT_DIR, revision, ROOT } from '../lib/harness.js';
import { runBench } from '../lib/run.js';
import { writeConvergence } from '../sync/report.js';

const RUNS = intFromEnv('NUM_RUNS', 10_000);
const SPEC = 'tests/system/convergence.spec.ts';
const HANG_LIMIT_MS = intFromEnv('BENCH_HANG_LIMIT_MS', 60 * 60_000);

await runBench('convergence', { hangLimitMs: HANG_LIMIT_MS }, async (run) => {
	const started = performance.now();
	const vitest = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', SPEC], {
		cwd: ROOT,
		env: { ...process.env, NUM_RUNS: String(RUNS) },
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	const wallSeconds = (performance.now() - started) / 1000;
	process.stdout.write(vitest.stdout);
	process.stderr.write(vitest.stderr);
	const found = /\[convergence\] (\d+) runs passed in ([\d.]+) s/.exec(vitest.stdout + vitest.stderr);
	if (vitest.status !== 0 || !found)
		throw new Error(`the property failed or did not run (exit ${vitest.status}); nothing written`);
	const result = {
		date: new Date().toISOString(),
		command: 'npm run bench:convergence',
		revision: revision(),
		runs: Number(found[1]),
		seconds: Number(found[2]),
		wallSeconds
	};
	writeFileSync(join(OUT_DIR, 'convergence.json'), JSON.stringify(result, null, 2));
	writeConvergence(result);
	run.log(`${result.runs} runs passed in ${result.seconds} s; written to ${DOC}`);
});
