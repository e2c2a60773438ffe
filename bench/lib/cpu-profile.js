// Where a page's CPU time went, from a CDP `Profiler` profile: busy (non-idle) self time by
// script file and by function, tallied per time window. One core for every bench that profiles
// a page; the benches differ only in how they line the profiler's clock up with the page's
// (bench:care from Node's clock, bench:field from marks it spins in the page) and in which
// windows they ask about.

import { basename } from 'node:path';

/**
 * @typedef {{ phase: string, from: number, to: number }} Window  page-clock ms, both ends inside
 * @typedef {{ name: string, ms: number, share: number }} Share
 * @typedef {{ phase: string, windows: number, wallMs: number, busyMs: number, idleMs: number, files: Share[], functions: Share[] }} PhaseTally
 */

/**
 * Each sample's time on the profiler's clock, in µs (the profile gives deltas).
 * @param {any} profile  a CDP Profiler.Profile
 */
export function sampleTimes(profile) {
	const times = [];
	let t = profile.startTime;
	for (const d of profile.timeDeltas) times.push((t += d));
	return times;
}

/**
 * Busy self time per phase. A sample stands for the time until the next one; it counts in every
 * window that holds its time (windows may overlap), and in `all` (when named) wherever it falls.
 * @param {any} profile  a CDP Profiler.Profile
 * @param {{
 *   toPageMs: (profilerUs: number) => number,
 *   windows: Window[],
 *   all?: string,
 *   skip?: (sampleIndex: number) => boolean,
 *   label?: (url: string) => string,
 *   top?: number
 * }} o  `toPageMs` maps a sample's profiler time to the windows' clock; `skip` leaves samples out
 *   of every tally (a clock mark's own busy loop); `label` names what a script holds.
 * @returns {PhaseTally[]}  each phase in the order of its first window, then `all` when named
 */
export function tallyProfile(profile, { toPageMs, windows, all, skip = () => false, label = () => '', top = 12 }) {
	/** @type {Map<number, any>} */
	const nodes = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
	const times = sampleTimes(profile);
	const sorted = [...windows].sort((a, b) => a.from - b.from);
	/** @type {Map<string, { wall: number, windows: number, busy: number, idle: number, files: Map<string, number>, fns: Map<string, number> }>} */
	const phases = new Map();
	const phaseOf = (/** @type {string} */ p) => {
		let s = phases.get(p);
		if (!s) phases.set(p, (s = { wall: 0, windows: 0, busy: 0, idle: 0, files: new Map(), fns: new Map() }));
		return s;
	};
	for (const w of sorted) {
		const s = phaseOf(w.phase);
		s.wall += w.to - w.from;
		s.windows++;
	}
	if (all) phaseOf(all);
	const add = (/** @type {Map<string, number>} */ map, /** @type {string} */ k, /** @type {number} */ dt) =>
		map.set(k, (map.get(k) ?? 0) + dt);
	let first = 0;
	for (let i = 0; i < profile.samples.length; i++) {
		const n = nodes.get(profile.samples[i]);
		const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
		if (!n || dt <= 0 || skip(i)) continue;
		const at = toPageMs(times[i]);
		/** @type {string[]} */
		const hit = all ? [all] : [];
		// Samples come in time order: windows that ended before this one never hold a later one.
		while (first < sorted.length && sorted[first].to < at) first++;
		for (let k = first; k < sorted.length && sorted[k].from <= at; k++)
			if (at <= sorted[k].to) hit.push(sorted[k].phase);
		if (!hit.length) continue;
		const { functionName, url, lineNumber, columnNumber } = n.callFrame;
		const idle = functionName === '(idle)';
		const named = label(url);
		const file = url
			? `${basename(url.replace(/[?#].*$/, ''))}${named ? ` (${named})` : ''}`
			: functionName.startsWith('(')
				? functionName
				: `(${functionName || 'native'})`;
		const fn = `${functionName || '(anonymous)'}${url ? ` ${basename(url)}:${lineNumber + 1}:${columnNumber + 1}` : ''}`;
		for (const p of hit) {
			const s = phaseOf(p);
			if (idle) {
				s.idle += dt;
				continue;
			}
			s.busy += dt;
			add(s.files, file, dt);
			add(s.fns, fn, dt);
		}
	}
	const list = (/** @type {Map<string, number>} */ map, /** @type {number} */ total) =>
		[...map.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([name, ms]) => ({ name, ms, share: total ? ms / total : 0 }));
	return [...phases.entries()].map(([phase, s]) => ({
		phase,
		windows: s.windows,
		wallMs: s.wall,
		busyMs: s.busy,
		idleMs: s.idle,
		files: list(s.files, s.busy),
		functions: list(s.fns, s.busy)
	}));
}

/**
 * Busy self time between two moments, `from` and `to` in epoch ms as the page sees them
 * (performance.timeOrigin + performance.now()). The profile counts in the browser's monotonic
 * clock (CLOCK_MONOTONIC on Linux, as Node's hrtime), so `clockOffsetMs` (Date.now() minus
 * hrtime in ms, taken in Node) lines the two up to a millisecond or so.
 * @param {any} profile  as `Profiler.stop` answers it
 * @param {{ from: number, to: number, clockOffsetMs: number, top?: number }} o
 */
export function profileWindow(profile, { from, to, clockOffsetMs, top = 15 }) {
	const [span] = tallyProfile(profile, {
		toPageMs: (us) => us / 1000 + clockOffsetMs,
		windows: [{ phase: 'span', from, to }],
		top
	});
	return { spanMs: to - from, busyMs: span.busyMs, idleMs: span.idleMs, functions: span.functions, files: span.files };
}

/** Date.now() minus the monotonic clock, in ms: profileWindow's `clockOffsetMs`. */
export const clockOffsetMs = () => Date.now() - Number(process.hrtime.bigint() / 1000n) / 1000;
