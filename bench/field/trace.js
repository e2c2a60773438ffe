// bench:field's opt-in trace of the measured taps (`BENCH_TRACE=1`): a Chromium trace (the
// timeline's and IndexedDB's categories) around the taps, tallied over the same phases as the
// CPU profile. The profile says only that most of "transaction created → complete" is native
// time, `(program)`; the trace names it: the renderer's own tasks (style, layout, paint, IPC)
// and IndexedDB's work in the browser process, each by name, per tap.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT_DIR } from '../lib/harness.js';

export const TRACE = process.env.BENCH_TRACE === '1';

const CATEGORIES = [
	'toplevel',
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'blink.user_timing',
	'IndexedDB',
	'v8.execute'
];
const MARK = 'doorstep:committed';
const TOP = 25;

/** @param {import('@playwright/test').Page} page */
export async function startTrace(page) {
	const browser = page.context().browser();
	if (!browser) throw new Error('BENCH_TRACE needs a launched browser');
	await browser.startTracing(page, { categories: CATEGORIES });
	return browser;
}

/**
 * Stops the trace, writes it to bench/out/field-tap-<name>.trace.json (open it in DevTools'
 * Performance panel) and tallies it over the taps' phases.
 * @param {import('@playwright/test').Browser} browser
 * @param {string} name
 * @param {{ phase: string, from: number, to: number }[]} windows  page clock (ms)
 * @param {number[]} marks  the `doorstep:committed` marks' startTime of the traced taps, in order
 */
export async function stopTrace(browser, name, windows, marks) {
	const buffer = await browser.stopTracing();
	const file = join(OUT_DIR, `field-tap-${name}.trace.json`);
	writeFileSync(file, buffer);
	// What ties the trace to the taps, to tally it again.
	writeFileSync(file.replace(/\.trace\.json$/, '.taps.json'), JSON.stringify({ windows, marks }));
	const parsed = JSON.parse(buffer.toString('utf8'));
	const events = /** @type {any[]} */ (Array.isArray(parsed) ? parsed : parsed.traceEvents);
	return { file, phases: tallyTrace(events, windows, marks) };
}

/**
 * Time per phase by process/thread and event name: the self time of the complete events (`X`,
 * or a `B`/`E` pair) on each thread, clipped to the phase's windows, summed, divided by the windows.
 * The trace's clock (µs) is tied to the page's by the commit marks, which both clocks stamp.
 * @param {any[]} events
 * @param {{ phase: string, from: number, to: number }[]} windows
 * @param {number[]} marks
 */
export function tallyTrace(events, windows, marks) {
	const traced = events.filter((e) => e.name === MARK && e.cat?.includes('blink.user_timing')).map((e) => e.ts);
	const n = Math.min(traced.length, marks.length);
	if (n === 0) throw new Error(`the trace holds no ${MARK} mark to tie its clock to the page's`);
	const offsets = [];
	for (let i = 0; i < n; i++) offsets.push(traced[traced.length - n + i] / 1000 - marks[marks.length - n + i]);
	offsets.sort((a, b) => a - b);
	const offset = offsets[Math.floor(n / 2)];

	/** @type {Map<string, string>} */
	const threads = new Map();
	for (const e of events)
		if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? String(e.tid));
	/** @type {Map<string, string>} */
	const processes = new Map();
	for (const e of events)
		if (e.ph === 'M' && e.name === 'process_name') processes.set(String(e.pid), e.args?.name ?? String(e.pid));

	// Complete spans per thread, B/E pairs closed into spans, in page milliseconds.
	/** @type {Map<string, { name: string, from: number, to: number }[]>} */
	const spans = new Map();
	/** @type {Map<string, any[]>} */
	const open = new Map();
	const add = (
		/** @type {string} */ key,
		/** @type {string} */ name,
		/** @type {number} */ ts,
		/** @type {number} */ dur
	) => {
		const list = spans.get(key) ?? [];
		list.push({ name, from: ts / 1000 - offset, to: (ts + dur) / 1000 - offset });
		spans.set(key, list);
	};
	for (const e of events) {
		const key = `${e.pid}:${e.tid}`;
		if (e.ph === 'X' && typeof e.dur === 'number') add(key, e.name, e.ts, e.dur);
		else if (e.ph === 'B') {
			const stack = open.get(key) ?? [];
			stack.push(e);
			open.set(key, stack);
		} else if (e.ph === 'E') {
			const stack = open.get(key) ?? [];
			const b = stack.pop();
			if (b) add(key, b.name, b.ts, e.ts - b.ts);
		}
	}
	// Self time: each moment of a thread goes to the innermost span open then (a task's own
	// time, its function calls', its style recalculation's, …), so the names say what ran.
	/** @type {Map<string, { name: string, from: number, to: number }[]>} */
	const selfSpans = new Map();
	for (const [key, list] of spans) {
		list.sort((a, b) => a.from - b.from || b.to - a.to);
		const own = [];
		/** @type {{ name: string, from: number, to: number, at: number }[]} */
		const stack = [];
		const close = (/** @type {number} */ until) => {
			while (stack.length && stack[stack.length - 1].to <= until) {
				const s = /** @type {{ name: string, from: number, to: number, at: number }} */ (stack.pop());
				if (s.to > s.at) own.push({ name: s.name, from: s.at, to: s.to });
				if (stack.length) stack[stack.length - 1].at = s.to;
			}
		};
		for (const s of list) {
			close(s.from);
			const parent = stack[stack.length - 1];
			if (parent) {
				if (s.from > parent.at) own.push({ name: parent.name, from: parent.at, to: s.from });
				parent.at = Math.max(parent.at, Math.min(s.to, parent.to));
			}
			stack.push({ ...s, to: parent ? Math.min(s.to, parent.to) : s.to, at: s.from });
		}
		close(Infinity);
		selfSpans.set(key, own);
	}

	const byPhase = new Map();
	for (const w of windows) {
		const tally = byPhase.get(w.phase) ?? {
			phase: w.phase,
			windows: 0,
			wallMs: 0,
			rows: new Map(),
			threads: new Map()
		};
		tally.windows++;
		tally.wallMs += w.to - w.from;
		for (const [key, list] of selfSpans) {
			const [pid] = key.split(':');
			const where = `${processes.get(pid) ?? pid} / ${threads.get(key) ?? key}`;
			for (const s of list) {
				const overlap = Math.min(s.to, w.to) - Math.max(s.from, w.from);
				if (overlap <= 0) continue;
				const row = `${where} · ${s.name}`;
				tally.rows.set(row, (tally.rows.get(row) ?? 0) + overlap);
				tally.threads.set(where, (tally.threads.get(where) ?? 0) + overlap);
			}
		}
		byPhase.set(w.phase, tally);
	}
	return [...byPhase.values()]
		.sort((a, b) => a.phase.localeCompare(b.phase))
		.map((t) => ({
			phase: t.phase,
			windows: t.windows,
			wallMsPerTap: t.wallMs / t.windows,
			busy: [...t.threads]
				.map(([name, msTotal]) => ({ name, msPerTap: msTotal / t.windows }))
				.sort((a, b) => b.msPerTap - a.msPerTap)
				.slice(0, 4),
			top: [...t.rows]
				.map(([name, msTotal]) => ({ name, msPerTap: msTotal / t.windows }))
				.sort((a, b) => b.msPerTap - a.msPerTap)
				.slice(0, TOP)
		}));
}

/** @param {{ file: string, phases: ReturnType<typeof tallyTrace> }} t */
export function traceText(t) {
	const lines = [`trace: ${t.file}`];
	for (const p of t.phases) {
		lines.push(`  ${p.phase}: ${p.wallMsPerTap.toFixed(1)} ms a tap (n=${p.windows})`);
		lines.push(`    busy: ${p.busy.map((b) => `${b.name} ${b.msPerTap.toFixed(1)} ms`).join('; ')}`);
		for (const r of p.top) lines.push(`    ${r.msPerTap.toFixed(2).padStart(8)} ms  ${r.name}`);
	}
	return lines.join('\n');
}
