// Convergence property test in benchmark mode: runs tests/system/convergence.spec.ts with
// NUM_RUNS (default 10,000) and writes the run count and time into the bench:sync section of
// docs/benchmarks.md (and bench/out/convergence.json). `npm run bench:convergence`.
// No time limit judges it: it passes or fails on the property alone.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeConvergence } from './load/doc.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'bench', 'out');
const DOC = process.env.BENCH_DOC ?? join(ROOT, 'docs', 'benchmarks.md');
const RUNS = Number(process.env.NUM_RUNS ?? 10_000);
const SPEC = 'tests/system/convergence.spec.ts';

let revision = 'unknown';
try {
	revision = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
} catch {
	// not a git checkout
}

const started = performance.now();
const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', SPEC], {
	cwd: ROOT,
	env: { ...process.env, NUM_RUNS: String(RUNS) },
	encoding: 'utf8',
	maxBuffer: 64 * 1024 * 1024
});
const wallSeconds = (performance.now() - started) / 1000;
process.stdout.write(run.stdout);
process.stderr.write(run.stderr);
const found = /\[convergence\] (\d+) runs passed in ([\d.]+) s/.exec(run.stdout + run.stderr);
if (run.status !== 0 || !found) {
	console.error(`[bench:convergence] the property failed or did not run (exit ${run.status}); nothing written`);
	process.exit(run.status || 1);
}
const result = {
	date: new Date().toISOString(),
	command: 'npm run bench:convergence',
	revision,
	runs: Number(found[1]),
	seconds: Number(found[2]),
	wallSeconds
};
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'convergence.json'), JSON.stringify(result, null, 2));
writeConvergence(DOC, result);
console.error(`[bench:convergence] ${result.runs} runs passed in ${result.seconds} s; written to ${DOC}`);
