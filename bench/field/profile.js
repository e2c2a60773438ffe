// bench:field's opt-in CPU profile of the tap page (`BENCH_CPU_PROF=1`): Chromium's sampling
// profiler (CDP `Profiler`) runs around the measured taps, and the samples are split by the
// phases of each tap the probes already time (click → transaction created → complete → commit
// mark → chip painted), so "what runs on the main thread while the transaction is open" is read
// off the samples that fall inside it. The profiler's clock is not `performance.now()`: a named
// busy loop run in the page at a known `performance.now()` ties the two together.

import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { OUT_DIR } from '../lib/harness.js';

export const CPU_PROF = process.env.BENCH_CPU_PROF === '1';
// Microseconds between samples: fine enough for phases of a few milliseconds.
const SAMPLING_US = 100;
const TOP = 12;

/** @param {import('@playwright/test').CDPSession} cdp */
export async function startProfile(cdp) {
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
	await cdp.send('Profiler.start');
}

/**
 * Spins for a few milliseconds under a name the profile shows, and returns when it began on the
 * page's clock: the first sample inside it gives the profiler clock's offset.
 * @param {import('@playwright/test').Page} page
 */
export const clockMark = (page) =>
	page.evaluate(function __benchClockMark() {
		const t = performance.now();
		while (performance.now() - t < 4);
		return t;
	});

/**
 * Stops the profiler, writes the profile to bench/out/field-tap-<name>.cpuprofile (open it in
 * Chromium's DevTools) and returns the self time by phase, file and function.
 * @param {import('@playwright/test').CDPSession} cdp
 * @param {string} name
 * @param {number[]} marks  `clockMark` results taken while the profiler ran, in order
 * @param {{ phase: string, from: number, to: number }[]} windows  phases of the measured taps, page clock (ms)
 * @param {(url: string) => string} label  what a script holds (Dexie, Svelte runtime, …)
 */
export async function stopProfile(cdp, name, marks, windows, label) {
	const { profile } = await cdp.send('Profiler.stop');
	await cdp.send('Profiler.disable');
	const file = join(OUT_DIR, `field-tap-${name}.cpuprofile`);
	writeFileSync(file, JSON.stringify(profile));
	// What ties the samples to the taps, to summarise the profile again (`node bench/field/profile.js <name>`).
	writeFileSync(file.replace(/\.cpuprofile$/, '.taps.json'), JSON.stringify({ marks, windows }));
	return { file, ...summariseTapProfile(profile, marks, windows, label) };
}

/**
 * @param {any} profile  a CDP Profiler.Profile
 * @param {number[]} marks
 * @param {{ phase: string, from: number, to: number }[]} windows
 * @param {(url: string) => string} label
 */
export function summariseTapProfile(profile, marks, windows, label) {
	/** @type {Map<number, any>} */
	const nodes = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
	// Sample times on the profiler's clock (µs), then the offset from the clock marks: each
	// mark's first sample inside __benchClockMark (or what it calls, as performance.now), minus
	// the page time it returned. A mark's samples lie within its few milliseconds.
	/** @type {Map<number, number>} */
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const inMark = (/** @type {number} */ id) => {
		for (let x = /** @type {number | undefined} */ (id); x !== undefined; x = parent.get(x))
			if (nodes.get(x)?.callFrame.functionName === '__benchClockMark') return true;
		return false;
	};
	const times = [];
	let t = profile.startTime;
	for (const d of profile.timeDeltas) times.push((t += d));
	const offsets = [];
	let last = -Infinity;
	for (let i = 0; i < profile.samples.length && offsets.length < marks.length; i++) {
		if (!inMark(profile.samples[i])) continue;
		if (times[i] - last > 50_000) offsets.push(times[i] / 1000 - marks[offsets.length]);
		last = times[i];
	}
	const offset = offsets.length ? offsets.reduce((a, b) => a + b, 0) / offsets.length : NaN;
	const sorted = [...windows].sort((a, b) => a.from - b.from);
	/** @type {Map<string, { total: number, idle: number, wall: number, files: Map<string, number>, fns: Map<string, number> }>} */
	const phases = new Map();
	const phaseOf = (/** @type {string} */ p) => {
		let s = phases.get(p);
		if (!s) phases.set(p, (s = { total: 0, idle: 0, wall: 0, files: new Map(), fns: new Map() }));
		return s;
	};
	for (const w of sorted) phaseOf(w.phase).wall += w.to - w.from;
	const add = (/** @type {Map<string, number>} */ map, /** @type {string} */ k, /** @type {number} */ dt) =>
		map.set(k, (map.get(k) ?? 0) + dt);
	let w = 0;
	for (let i = 0; i < profile.samples.length; i++) {
		const n = nodes.get(profile.samples[i]);
		// A sample stands for the time until the next one.
		const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
		if (!n || dt <= 0) continue;
		const at = times[i] / 1000 - offset;
		const { functionName, url, lineNumber, columnNumber } = n.callFrame;
		if (inMark(profile.samples[i])) continue;
		const phases = ['all taps'];
		while (w < sorted.length && sorted[w].to < at) w++;
		for (let k = w; k < sorted.length && sorted[k].from <= at; k++)
			if (at <= sorted[k].to) phases.push(sorted[k].phase);
		for (const p of phases) {
			const s = phaseOf(p);
			if (functionName === '(idle)') {
				s.idle += dt;
				continue;
			}
			s.total += dt;
			const file = url ? `${basename(new URL(url).pathname)}${label(url) ? ` (${label(url)})` : ''}` : functionName;
			add(s.files, file, dt);
			add(
				s.fns,
				`${functionName || '(anonymous)'} ${url ? `${basename(url)}:${lineNumber + 1}:${columnNumber + 1}` : ''}`.trim(),
				dt
			);
		}
	}
	const top = (/** @type {Map<string, number>} */ map, /** @type {number} */ total) =>
		[...map.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, TOP)
			.map(([name, ms]) => ({ name, ms, share: total ? ms / total : 0 }));
	return {
		offsetMs: offset,
		offsetSpreadMs: offsets.length ? Math.max(...offsets) - Math.min(...offsets) : NaN,
		phases: [...phases.entries()].map(([phase, s]) => ({
			phase,
			windows: phase === 'all taps' ? 0 : windows.filter((x) => x.phase === phase).length,
			wallMs: s.wall,
			busyMs: s.total,
			idleMs: s.idle,
			files: top(s.files, s.total),
			functions: top(s.fns, s.total)
		}))
	};
}

/**
 * The summary as text for the log: per phase, busy and idle time, then the top files and functions.
 * @param {ReturnType<typeof summariseTapProfile> & { file: string }} s
 */
export function profileText(s) {
	const f = (/** @type {number} */ x) => x.toFixed(1);
	const lines = [`CPU profile: ${s.file} (clock offset spread ${f(s.offsetSpreadMs)} ms)`];
	for (const p of s.phases) {
		const per = p.windows
			? ` — per tap: wall ${f(p.wallMs / p.windows)}, busy ${f(p.busyMs / p.windows)}, idle ${f(p.idleMs / p.windows)} ms`
			: '';
		lines.push(`\n== ${p.phase}: busy ${f(p.busyMs)} ms, idle ${f(p.idleMs)} ms${per}`);
		lines.push('  by file:');
		for (const x of p.files)
			lines.push(`    ${f(x.ms).padStart(8)} ms ${(x.share * 100).toFixed(0).padStart(3)} %  ${x.name}`);
		lines.push('  by function (self):');
		for (const x of p.functions)
			lines.push(`    ${f(x.ms).padStart(8)} ms ${(x.share * 100).toFixed(0).padStart(3)} %  ${x.name}`);
	}
	return lines.join('\n');
}

// `node bench/field/profile.js sealed-1`: the summary of a profile a run left in bench/out/.
if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1])) && process.argv[2]) {
	const file = join(OUT_DIR, `field-tap-${process.argv[2]}.cpuprofile`);
	const { marks, windows } = JSON.parse(readFileSync(file.replace(/\.cpuprofile$/, '.taps.json'), 'utf8'));
	const profile = JSON.parse(readFileSync(file, 'utf8'));
	console.log(profileText({ file, ...summariseTapProfile(profile, marks, windows, () => '') }));
}
