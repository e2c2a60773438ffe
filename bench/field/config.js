// bench:field's settings, shared by the run (./index.js) and its report (./report.js).

import { join } from 'node:path';
import { intFromEnv, OUT_DIR } from '../lib/harness.js';

// Others rebuild build/ in this checkout while the bench runs, so it serves and measures a
// private copy of the build taken at start (under bench/out/, so Node finds node_modules).
export const SNAPSHOT = join(OUT_DIR, `build-snapshot-${process.pid}`);
export const BUILD_CLIENT = join(SNAPSHOT, 'build', 'client');
// The same app built with sealing swapped for a pass-through (`npm run build:bench-clear`, never
// the normal build): served by a second server in the same run to measure what sealing costs.
export const CLEAR_BUILD = join(OUT_DIR, 'build-clear');
export const CLEAR_SNAPSHOT = join(OUT_DIR, `build-clear-snapshot-${process.pid}`);
// The tap visits are split into this many blocks per build, run in the order sealed, clear,
// clear, sealed, … so a drift in the shared machine's load falls on both alike.
export const BLOCKS = 2;

export const COMMAND = 'npm run bench:field';
export const DEMO_SIZE = '17,2,18,4';
export const HOUSEHOLDS = 17 * 2 * 18 * 4; // 2,448
export const VISITS = intFromEnv('BENCH_VISITS', 200);
export const WARMUP = 5;
export const TTI_REPS = intFromEnv('BENCH_TTI_REPS', 5);
export const THROTTLE = 4;
export const GZIP_LEVEL = 9;
// Hang guard only: the benchmark takes a few minutes; this never judges a figure.
export const HANG_LIMIT_MS = intFromEnv('BENCH_HANG_LIMIT_MS', 15 * 60_000);
export const SCREENS = ['/grid', '/deliveries', '/sync'];
export const TARGETS = { ratio: 1.5, gridMs: 1000, jsBytes: 80_000, visibleMs: 100 };
