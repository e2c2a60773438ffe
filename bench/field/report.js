// bench:field's section of docs/benchmarks.md, from the figures of one run.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ms, OUT_DIR } from '../lib/harness.js';
import {
	BLOCKS,
	COMMAND,
	DEMO_SIZE,
	GZIP_LEVEL,
	SCREENS,
	TARGETS,
	THROTTLE,
	TTI_REPS,
	VISITS,
	WARMUP
} from './config.js';

/** @param {number} b */
const kb = (b) => (b / 1000).toFixed(1);

const verdict = (/** @type {boolean} */ ok) => (ok ? '**met**' : '**not met**');

/** @param {any} r  the figures of one run, as in bench/out/field.json */
export function render(r) {
	const t = r.taps;
	const ratio = t.app.p95 / t.raw.p95;
	const ratioMedian = t.app.median / t.raw.median;
	const gridFree = r.grid.free.painted.median;
	const gridSlow = r.grid.slow.painted.median;
	const js = r.js.union.gz;
	const throttleFactor = t.throttleCheck.throttledMs / t.throttleCheck.freeMs;
	const gridThrottleFactor = r.grid.slow.calMs / r.grid.free.calMs;
	const lines = [
		'<!-- bench:field -->',
		'## Field: tap to commit, offline grid, JS size',
		'',
		`- **Date:** ${r.date}`,
		`- **Command:** \`${COMMAND}\` (builds, then \`node bench/field\`; raw figures in \`bench/out/field.json\`)`,
		`- **Build of:** ${r.revision}`,
		`- **Machine:** ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memGb} GB RAM, Node ${r.machine.node}, headless Chromium ${r.machine.chromium} (Debian), Playwright ${r.machine.playwright}, Pixel 5 emulation (touch). A shared, noisy 2-core box: absolute times wander from run to run, so read the ratios against the same-run baseline.`,
		`- **Data on the device:** ${r.setup.households} households (\`DEMO_SIZE=${DEMO_SIZE}\`: 17 buildings × 2 units × 18 floors × 4 rooms), enrolled through the real form, first sync complete, service worker \`${r.setup.sw}\`; the grid loads were done after the ${VISITS + WARMUP} recorded visits.`,
		'',
		'| Figure | Median | p95 | Target | Result |',
		'|---|---:|---:|---|---|',
		`| **Tap → durable commit**, app, CPU 4× (ms, n=${t.app.n}) | ${ms(t.app.median)} | ${ms(t.app.p95)} | p95 ≤ 1.5 × raw p95 | ${verdict(ratio <= TARGETS.ratio)} |`,
		`| **Raw IndexedDB** put + complete, CPU 4×, same run (ms, n=${t.raw.n}) | ${ms(t.raw.median)} | ${ms(t.raw.p95)} | baseline | |`,
		`| **Ratio** app / raw | ${ratioMedian.toFixed(2)} × | **${ratio.toFixed(2)} ×** | p95 ≤ 1.5 × | ${verdict(ratio <= TARGETS.ratio)} |`,
		`| ↳ tap → click reaches the page (Chromium's input pipeline, ms) | ${ms(t.inputDelay.median)} | ${ms(t.inputDelay.p95)} | for context | |`,
		`| ↳ click → app's transaction created (handler, zod parse, uuid, Dexie; ms) | ${ms(t.beforeIdb.median)} | ${ms(t.beforeIdb.p95)} | for context | |`,
		`| ↳ app's transaction created → complete (event + outbox via Dexie; ms) | ${ms(t.inIdb.median)} | ${ms(t.inIdb.p95)} | for context | |`,
		`| ↳ complete → \`doorstep:committed\` mark (Dexie resolves; ms) | ${ms(t.afterIdb.median)} | ${ms(t.afterIdb.p95)} | for context | |`,
		`| Click handler → commit (the app's own share; ms) | ${ms(t.handler.median)} | ${ms(t.handler.p95)} | for context: ${(t.handler.p95 / t.raw.p95).toFixed(2)} × raw p95 | |`,
		`| **Tap → chip painted** in its new state, CPU 4× (pointerup → the first task after the frame that follows the chip's change; ms, n=${t.visible.n}) | ${ms(t.visible.median)} | ${ms(t.visible.p95)} | p95 ≤ ${TARGETS.visibleMs} ms | ${verdict(t.visible.p95 <= TARGETS.visibleMs)} |`,
		`| ↳ commit mark → chip's \`data-state\` changes (ms) | ${ms(t.chipAfterCommit.median)} | ${ms(t.chipAfterCommit.p95)} | for context | |`,
		`| Raw IndexedDB in the app's shape (event with 2 indexes + outbox row, one tx; ms) | ${ms(t.rawApp.median)} | ${ms(t.rawApp.p95)} | for context | |`,
		`| **Offline grid**: first chip interactive, no throttle (ms, n=${r.grid.free.painted.n}) | ${ms(gridFree)} | max ${ms(r.grid.free.painted.max)} | < 1 s | ${verdict(gridFree < TARGETS.gridMs)} |`,
		`| **Offline grid**: first chip interactive, CPU 4× (ms, n=${r.grid.slow.painted.n}) | ${ms(gridSlow)} | max ${ms(r.grid.slow.painted.max)} | < 1 s | ${verdict(gridSlow < TARGETS.gridMs)} |`,
		`| **Lock screen painted** (a cold start opens on the PIN lock, issue 9), no throttle / 4× (ms, median) | ${ms(r.grid.free.lockPainted.median)} / ${ms(r.grid.slow.lockPainted.median)} | | for context | |`,
		`| **Offline grid from the unlock**: click on "unlock" → first chip interactive, no throttle / 4× (ms, median; PBKDF2 + opening the rows + the grid) | ${ms(r.grid.free.afterUnlock.median)} / ${ms(r.grid.slow.afterUnlock.median)} | max ${ms(r.grid.free.afterUnlock.max)} / ${ms(r.grid.slow.afterUnlock.max)} | < 1 s at 4× | ${verdict(r.grid.slow.afterUnlock.median < TARGETS.gridMs)} |`,
		`| ↳ document from the service worker (responseEnd), no throttle / 4× (ms) | ${ms(r.grid.free.responseEnd.median)} / ${ms(r.grid.slow.responseEnd.median)} | | for context | |`,
		`| ↳ DOMContentLoaded, no throttle / 4× (ms) | ${ms(r.grid.free.domContentLoaded.median)} / ${ms(r.grid.slow.domContentLoaded.median)} | | for context | |`,
		`| ↳ last JS file received (resource timing), no throttle / 4× (ms) | ${ms(r.grid.free.lastJs.median)} / ${ms(r.grid.slow.lastJs.median)} | | for context | |`,
		...(r.grid.slow.jsFiles
			? [
					`| ↳ JS files fetched by the cold start / of them after the tap on "unlock", 4× (median; any load) | ${r.grid.slow.jsFiles.median} / ${r.grid.slow.jsAfterUnlock.length} | | for context | |`
				]
			: []),
		`| ↳ the first read of households (${r.grid.slow.householdsRead} rows, one \`getAll\`) starts → ends, no throttle / 4× (ms) | ${ms(r.grid.free.householdsStart.median)} → ${ms(r.grid.free.householdsEnd.median)} / ${ms(r.grid.slow.householdsStart.median)} → ${ms(r.grid.slow.householdsEnd.median)} | | for context | |`,
		`| ↳ first chip in the DOM, no throttle / 4× (ms) | ${ms(r.grid.free.inserted.median)} / ${ms(r.grid.slow.inserted.median)} | | for context | |`,
		`| **JS of the volunteer screens** (${SCREENS.join(', ')}), gzip -${GZIP_LEVEL} (KB) | ${kb(js)} | | ≤ 80 KB | ${verdict(js <= TARGETS.jsBytes)} |`,
		'',
		...(r.previous
			? [
					`Previous version (${r.previous.revision}, ${r.previous.date}): tap → commit median ${ms(r.previous.tapMedian)} / p95 ${ms(r.previous.tapP95)} ms (${(r.previous.tapP95 / r.previous.rawP95).toFixed(2)}× its raw p95 of ${ms(r.previous.rawP95)} ms); click → commit median ${ms(r.previous.handlerMedian)} / p95 ${ms(r.previous.handlerP95)} ms; offline grid ${ms(r.previous.gridFree)} ms unthrottled, ${ms(r.previous.gridSlow)} ms at CPU 4×; volunteer JS ${kb(r.previous.jsGz)} KB gz${r.previous.visibleP95 === undefined ? '' : `; tap → chip painted median ${ms(r.previous.visibleMedian)} / p95 ${ms(r.previous.visibleP95)} ms`}.`,
					''
				]
			: []),
		`Targets: tap-to-commit p95 within 1.5× raw IndexedDB — ${verdict(ratio <= TARGETS.ratio)} (${ratio.toFixed(2)}×); ` +
			`offline grid under 1 s — ${verdict(gridFree < TARGETS.gridMs)} unthrottled (${ms(gridFree)} ms), ${verdict(gridSlow < TARGETS.gridMs)} at CPU 4× (${ms(gridSlow)} ms); ` +
			`JS ≤ 80 KB gz — ${verdict(js <= TARGETS.jsBytes)} (${kb(js)} KB).`,
		'',
		...sealedAgainstClear(r),
		'### JavaScript by screen',
		'',
		'| Screen (cold open, offline) | Files | Raw (KB) | gzip -9 (KB) |',
		'|---|---:|---:|---:|',
		...Object.entries(r.js.screens).map(([s, v]) => `| \`${s}\` | ${v.files} | ${kb(v.raw)} | ${kb(v.gz)} |`),
		`| **Union of the three** | ${r.js.union.files} | ${kb(r.js.union.raw)} | **${kb(r.js.union.gz)}** |`,
		`| Loaded later, by the taps (not in the union above) | ${r.js.later.files.length} | ${kb(r.js.later.raw)} | ${kb(r.js.later.gz)} |`,
		`| Service worker \`/sw.js\` (not page JS, for context) | 1 | ${kb(r.js.sw.raw)} | ${kb(r.js.sw.gz)} |`,
		'',
		'Largest chunks (gzip -9):',
		'',
		...r.js.largest.map(
			(/** @type {any} */ c) =>
				`- \`${c.path.replace('/_app/immutable/', '')}\` — ${kb(c.gz)} KB gz (${kb(c.raw)} KB raw)${c.holds.length ? `: ${c.holds.join(', ')} (by the strings they leave in the code)` : ''}`
		),
		'',
		'### How each figure is taken',
		'',
		`- **Tap → durable commit.** The context is offline (the field case: no sync request follows a record). With the tap page's CPU throttled ${THROTTLE}× over CDP (\`Emulation.setCPUThrottlingRate\`), for each of ${VISITS + WARMUP} households in order (units 1-1, 1-2, 2-1) Playwright taps the chip (a touch tap, Pixel 5 emulation), waits for the record sheet and taps **all sampled** (\`all-sampled\`). The time runs from that tap — the \`timeStamp\` of its \`pointerup\` (the same as its \`click\`'s), the moment Chromium received the finger's release, so the input pipeline under throttling counts — to the \`startTime\` of the \`doorstep:committed\` performance mark the app sets once its IndexedDB transaction has completed. The first ${WARMUP} visits are warm-up and not counted. Between visits the bench waits until the chip shows \`done\` and the sheet has gone. The split rows come from capture-phase listeners on \`window\` (when the click reached the page) and from a wrapper around \`IDBDatabase.prototype.transaction\`, installed on the tap page before the app loads, that notes when the app's read-write events + outbox transaction is created and when its \`complete\` fires.`,
		`- **Raw IndexedDB.** Interleaved with the taps (one after each visit), in the same page under the same throttle, in a separate database: \`performance.now()\` before one \`put\` of a visit-shaped object (the app's visit event fields, ~350 bytes) into a plain keyPath store, until the transaction's \`complete\`. Default durability, as Dexie uses. The "app's shape" row does the app's write with raw IndexedDB — the event into a store with the app's two indexes plus an outbox row, both requests issued at once in one transaction. Statistics: median; p95 is nearest rank.`,
		`- **Offline grid, first chip interactive.** The context is offline; before each load the service worker is stopped (CDP \`ServiceWorker.stopAllWorkers\`: ${r.grid.free.swStopped && r.grid.slow.swStopped ? 'done every time' : '**failed for some loads, so the worker was warm**'}); a new page opens \`/grid\`. Every navigation was served by the service worker (\`response.fromServiceWorker()\`: ${r.grid.free.fromSw && r.grid.slow.fromSw ? 'true for all' : '**false for some**'}). Time is from navigation start (\`performance.timeOrigin\`, so \`performance.now()\` in the page) to the first task after the first animation frame that follows the insertion of the first \`[data-testid^="chip-"]\`: the chip has been rendered by Svelte with its handlers, painted, and the main thread is free to take a tap. A MutationObserver installed before any page script finds the chip; each load was then checked clickable with Playwright's actionability checks (not timed). ${TTI_REPS} loads each, median. The grid reads the unit list from the [building+unit] index's keys, then only the chosen unit's 72 households and their events, and folds those before it renders its chips.`,
		`- **JS size.** Every \`.js\` response of a cold, offline open of each screen (\`page.on('response')\`: entry, modulepreloads and lazily imported chunks), each file read from the build and gzipped with \`node:zlib\` \`gzipSync\` at level ${GZIP_LEVEL}; the union counts each file once. KB = 1,000 bytes. CSS, HTML and the web manifest are not counted.`,
		`- **Build.** The server runs, and the sizes are read, from a private copy of \`build/\` taken when the script starts (others rebuild \`build/\` in this checkout); it is started as \`node scripts/start.js\` with \`PORT=${r.port}\`, \`HOST=127.0.0.1\`, a fresh temporary \`DATA_DIR\`, \`DOORSTEP_QUIET=1\`, \`DEMO_SIZE=${DEMO_SIZE}\`.`,
		`- **Throttle check.** A fixed JS loop took ${ms(t.throttleCheck.throttledMs)} ms throttled vs ${ms(t.throttleCheck.freeMs)} ms unthrottled on the tap page (${throttleFactor.toFixed(1)}×), and a median ${ms(r.grid.slow.calMs)} vs ${ms(r.grid.free.calMs)} ms on the throttled and unthrottled grid loads (${gridThrottleFactor.toFixed(1)}×)${gridThrottleFactor >= 3 && throttleFactor >= 3 ? ', so the throttle, set before navigating, held on the loaded page.' : ': less than 4×. The loop is short and the machine is shared, so a busy neighbour or a page still busy after load narrows the gap; read the throttled figures as approximate for this run.'}`,
		'<!-- /bench:field -->'
	];
	return lines.join('\n');
}

/**
 * The same figures on the bench-only clear build (sealing swapped for a pass-through), taken
 * in the same run, and the ratio sealed / clear.
 * @param {any} r
 */
function sealedAgainstClear(r) {
	const c = r.clear;
	/**
	 * @param {string} label
	 * @param {any} a  sealed
	 * @param {any} b  clear
	 */
	const row = (label, a, b, tail = 'p95') =>
		`| ${label} | ${ms(a.median)} / ${ms(a[tail])} | ${ms(b.median)} / ${ms(b[tail])} | ${(a.median / b.median).toFixed(2)} × / ${(a[tail] / b[tail]).toFixed(2)} × |`;
	return [
		'### Sealed against clear, same run',
		'',
		`The figures above are the app as shipped: residents' fields sealed (AES-GCM) on every write and opened on every read. The same probes ran in the same run on a second build, made only by the bench (\`npm run build:bench-clear\`, into \`bench/out/build-clear\`), in which the one switch in \`src/lib/client/db.ts\` swaps the sealing middleware for a pass-through; everything else — the lock screen, the PIN and its PBKDF2 on a cold start — is the same. It was served by a second server (port ${c.port}, its own store, the same demo) to a second device (browser context) enrolled the same way (${c.setup.households} households). The visits ran in ${BLOCKS} blocks per build in the order sealed, clear, clear, sealed, … on the same households; the grid loads sealed then clear at 1×, clear then sealed at ${THROTTLE}×. The normal build holds no pass-through (\`tests/build/bench-clear.spec.ts\`).`,
		'',
		'| Figure | sealed median / p95 | clear median / p95 | sealed / clear median / p95 |',
		'|---|---:|---:|---:|',
		row(`**Tap → durable commit**, CPU ${THROTTLE}× (ms, n=${r.taps.app.n} each)`, r.taps.app, c.taps.app),
		row('↳ click → transaction created (ms)', r.taps.beforeIdb, c.taps.beforeIdb),
		row('↳ transaction created → complete (sealing runs here; ms)', r.taps.inIdb, c.taps.inIdb),
		row('Raw IndexedDB put, same page (baseline: the machine, not the app; ms)', r.taps.raw, c.taps.raw),
		row(
			`**Offline grid**: first chip interactive, no throttle (ms, n=${r.grid.free.painted.n} each; median / max)`,
			r.grid.free.painted,
			c.grid.free.painted,
			'max'
		),
		row(
			`**Offline grid**: first chip interactive, CPU ${THROTTLE}× (ms, n=${r.grid.slow.painted.n} each; median / max)`,
			r.grid.slow.painted,
			c.grid.slow.painted,
			'max'
		),
		row(
			'↳ the first read of households ends, no throttle (ms; median / max)',
			r.grid.free.householdsEnd,
			c.grid.free.householdsEnd,
			'max'
		),
		row(
			`↳ the first read of households ends, CPU ${THROTTLE}× (ms; median / max)`,
			r.grid.slow.householdsEnd,
			c.grid.slow.householdsEnd,
			'max'
		),
		'',
		'The grid figures on both builds include the lock screen, typing the PIN and the unlock (PBKDF2), which sealing does not change; the difference between them is opening the sealed rows on read.',
		''
	];
}

/**
 * The headline figures of the last run (bench/out/field.json), kept for comparison; or of the
 * file named by BENCH_PREVIOUS (a field.json, or just its `previous` headline figures).
 */
export function previousRun() {
	try {
		const p = JSON.parse(readFileSync(process.env.BENCH_PREVIOUS ?? join(OUT_DIR, 'field.json'), 'utf8'));
		if (p.tapP95 !== undefined) return p;
		return {
			date: p.date,
			revision: p.revision,
			tapMedian: p.taps.app.median,
			tapP95: p.taps.app.p95,
			rawP95: p.taps.raw.p95,
			handlerMedian: p.taps.handler.median,
			handlerP95: p.taps.handler.p95,
			gridFree: p.grid.free.painted.median,
			gridSlow: p.grid.slow.painted.median,
			jsGz: p.js.union.gz,
			visibleMedian: p.taps.visible?.median,
			visibleP95: p.taps.visible?.p95
		};
	} catch {
		return null;
	}
}
