// bench:field's opt-in CPU profile of the tap page (`BENCH_CPU_PROF=1`): Chromium's sampling
// profiler (CDP `Profiler`) runs around the measured taps, and the samples are split by the
// phases of each tap the probes already time (click → transaction created → complete → commit
// mark → chip painted), so "what runs on the main thread while the transaction is open" is read
// off the samples that fall inside it. The profiler's clock is not `performance.now()`: a named
// busy loop run in the page at a known `performance.now()` ties the two together.

import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sampleTimes, tallyProfile } from '../lib/cpu-profile.js';
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
 * The profile's clock offset from the marks, then the tally per phase of the taps and over the
 * whole profile ("all taps"), leaving the marks' own busy loops out.
 * @param {any} profile  a CDP Profiler.Profile
 * @param {number[]} marks
 * @param {{ phase: string, from: number, to: number }[]} windows
 * @param {(url: string) => string} label
 */
export function summariseTapProfile(profile, marks, windows, label) {
	/** @type {Map<number, any>} */
	const nodes = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
	/** @type {Map<number, number>} */
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const inMark = (/** @type {number} */ id) => {
		for (let x = /** @type {number | undefined} */ (id); x !== undefined; x = parent.get(x))
			if (nodes.get(x)?.callFrame.functionName === '__benchClockMark') return true;
		return false;
	};
	// Each mark's first sample inside __benchClockMark (or what it calls, as performance.now),
	// minus the page time it returned. A mark's samples lie within its few milliseconds.
	const times = sampleTimes(profile);
	const offsets = [];
	let last = -Infinity;
	for (let i = 0; i < profile.samples.length && offsets.length < marks.length; i++) {
		if (!inMark(profile.samples[i])) continue;
		if (times[i] - last > 50_000) offsets.push(times[i] / 1000 - marks[offsets.length]);
		last = times[i];
	}
	const offset = offsets.length ? offsets.reduce((a, b) => a + b, 0) / offsets.length : NaN;
	return {
		offsetMs: offset,
		offsetSpreadMs: offsets.length ? Math.max(...offsets) - Math.min(...offsets) : NaN,
		phases: tallyProfile(profile, {
			toPageMs: (us) => us / 1000 - offset,
			windows,
			all: 'all taps',
			skip: (i) => inMark(profile.samples[i]),
			label,
			top: TOP
		})
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
