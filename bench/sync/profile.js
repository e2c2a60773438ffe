// The CPU-profile summary of bench:sync's `BENCH_CPU_PROF=1` run.

import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Busy (non-idle) self time by function from the `.cpuprofile` files `node --cpu-prof` wrote into `dir`, with
 * a coarse split by where the code lives (our server bundle, zod, better-sqlite3, pg, Node's
 * http internals, garbage collection).
 */
/** @param {string} dir */
export function summariseProfiles(dir) {
	const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
	/** @type {Map<string, number>} */
	const byFn = new Map();
	/** @type {Map<string, number>} */
	const byArea = new Map();
	let total = 0;
	let idle = 0;
	for (const f of files) {
		const prof = JSON.parse(readFileSync(join(dir, f), 'utf8'));
		/** @type {Map<number, any>} */
		const nodes = new Map(prof.nodes.map((/** @type {any} */ n) => [n.id, n]));
		for (let i = 0; i < prof.samples.length; i++) {
			const n = nodes.get(prof.samples[i]);
			const dt = (prof.timeDeltas[i] ?? 0) / 1000;
			if (!n || dt <= 0) continue;
			if (n.callFrame.functionName === '(idle)') {
				idle += dt;
				continue;
			}
			total += dt;
			const { functionName, url, lineNumber } = n.callFrame;
			const key =
				`${functionName || '(anonymous)'} ${url ? basename(url) : ''}${url ? `:${lineNumber + 1}` : ''}`.trim();
			byFn.set(key, (byFn.get(key) ?? 0) + dt);
			const area = areaOf(functionName, url);
			byArea.set(area, (byArea.get(area) ?? 0) + dt);
		}
	}
	const top = (/** @type {Map<string, number>} */ m, /** @type {number} */ n) =>
		[...m.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, n)
			.map(([name, t]) => ({ name, ms: t, share: total ? t / total : 0 }));
	return { files: files.length, totalMs: total, idleMs: idle, areas: top(byArea, 12), functions: top(byFn, 15) };
}

/**
 * @param {string} fn
 * @param {string} url
 */
function areaOf(fn, url) {
	if (fn === '(garbage collector)') return 'garbage collection';
	if (fn === '(program)') return 'V8/Node native (program)';
	if (/zod/.test(url)) return 'zod (parsing events)';
	if (/better-sqlite3|better_sqlite3/.test(url)) return 'better-sqlite3 (JS side)';
	if (/node_modules\/pg/.test(url)) return 'pg driver';
	if (/uuidv7/.test(url)) return 'uuidv7';
	if (/build\/server\/chunks|build\/server\/index|build\/handler|build\/index/.test(url))
		return 'Doorstep server bundle (SvelteKit + app code)';
	if (url.startsWith('node:')) return `Node internals (${url.replace(/^node:(internal\/)?/, '').split('/')[0]})`;
	if (!url) return fn ? `native: ${fn}` : 'native';
	return basename(url);
}
