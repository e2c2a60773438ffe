// bench:lead's settings, shared by the run (./index.js) and its report (./report.js).

import { join } from 'node:path';
import { intFromEnv, OUT_DIR } from '../lib/harness.js';

export const SNAPSHOT = join(OUT_DIR, `lead-snapshot-${process.pid}`);

export const COMMAND = 'npm run bench:lead';
export const ROSTER = 2500;
export const IMPORT_REPS = intFromEnv('BENCH_IMPORT_REPS', 3);
export const COVER_SIZE = '25,2,25,8';
export const COVER_HOUSEHOLDS = 25 * 2 * 25 * 8; // 10,000
export const VISITS = intFromEnv('BENCH_VISITS', 6000);
export const REVISITS = 400; // households visited twice: nobody home first, then sampled
export const VOLUNTEERS = 8;
export const COMPUTE_REPS = intFromEnv('BENCH_COMPUTE_REPS', 7);
export const RELOAD_REPS = intFromEnv('BENCH_RELOAD_REPS', 5);
export const THROTTLE = 4;
/** BENCH_CPU_PROF=1: the first offline reload at each rate is recorded as a CPU profile and summarised (no doc written). */
export const CPU_PROF = process.env.BENCH_CPU_PROF === '1';
export const HANG_LIMIT_MS = intFromEnv('BENCH_HANG_LIMIT_MS', 15 * 60_000);
/** This bench's own ports: with BENCH_PORT, that port and the next few (a shared machine hands each session its ports); otherwise free ones of 4710–4800. */
export const PORTS = process.env.BENCH_PORT
	? { from: Number(process.env.BENCH_PORT), to: Number(process.env.BENCH_PORT) + 3 }
	: { from: 4710, to: 4800 };
