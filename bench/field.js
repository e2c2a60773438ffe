// Field benchmark: tap-to-durable-commit against raw IndexedDB, offline grid time to
// interactive with 2,448 households on the device, and the gzip size of the volunteer
// screens' JavaScript. Run with `npm run bench:field` (it builds first).
//
// It starts the built server on its own port with a fresh data directory, drives headless
// Chromium (Debian's, never a downloaded one) through the real UI, writes its section of
// docs/benchmarks.md and prints it. Targets are reported as met / not met; no figure ever
// changes the exit code. Only a crash or a hang (the overall time limit) exits non-zero.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { devices } from '@playwright/test';
import {
	calibrate,
	idbCount,
	launchChromium,
	median,
	ms,
	OUT_DIR,
	pct,
	pickPort,
	revision,
	ROOT,
	sleep,
	snapshotBuild,
	startServer,
	stopServer,
	throttle,
	until,
	waitForServer,
	writeDoc
} from './lib/harness.js';

// Others rebuild build/ in this checkout while the bench runs, so it serves and measures a
// private copy of the build taken at start (under bench/out/, so Node finds node_modules).
const SNAPSHOT = join(OUT_DIR, `build-snapshot-${process.pid}`);
const BUILD_CLIENT = join(SNAPSHOT, 'build', 'client');

const COMMAND = 'npm run bench:field';
const DEMO_SIZE = '17,2,18,4';
const HOUSEHOLDS = 17 * 2 * 18 * 4; // 2,448
const VISITS = Number(process.env.BENCH_VISITS ?? 200);
const WARMUP = 5;
const TTI_REPS = Number(process.env.BENCH_TTI_REPS ?? 5);
const THROTTLE = 4;
const GZIP_LEVEL = 9;
// Hang guard only: the benchmark takes a few minutes; this never judges a figure.
const HANG_LIMIT_MS = Number(process.env.BENCH_HANG_LIMIT_MS ?? 15 * 60_000);
const SCREENS = ['/grid', '/deliveries', '/sync'];
const TARGETS = { ratio: 1.5, gridMs: 1000, jsBytes: 100_000 };

const log = (...a) => console.error('[bench:field]', ...a);

// ---------- statistics ----------

const summary = (xs) => ({ n: xs.length, median: median(xs), p95: pct(xs, 95), min: Math.min(...xs), max: Math.max(...xs) });
const kb = (b) => (b / 1000).toFixed(1);

// ---------- server ----------

// ---------- page helpers (functions below run in the browser) ----------

/** Installed before any page script: records when the first household chip appears and is painted. */
function ttiProbe() {
	const out = (window.__tti = {});
	const check = () => {
		if (out.inserted !== undefined) return;
		const el = document.querySelector('[data-testid^="chip-"]');
		if (!el) return;
		out.inserted = performance.now();
		mo.disconnect();
		requestAnimationFrame(() => {
			out.frame = performance.now();
			// The first task after that frame: the chip has been painted and the main thread is free.
			const ch = new MessageChannel();
			ch.port1.onmessage = () => {
				out.painted = performance.now();
				const r = el.getBoundingClientRect();
				out.box = { w: r.width, h: r.height };
				out.disabled = el.disabled;
			};
			ch.port2.postMessage(0);
		});
	};
	const mo = new MutationObserver(check);
	mo.observe(document, { childList: true, subtree: true });
	// When the app's first read of households starts and ends (a getAll on the store, as
	// Dexie's toArray does, or on one of its indexes), and how many rows it returned.
	const probe = (proto, storeOf) => {
		const getAll = proto.getAll;
		proto.getAll = function (...args) {
			const req = getAll.apply(this, args);
			if (storeOf(this).name === 'households' && out.householdsStart === undefined) {
				out.householdsStart = performance.now();
				req.addEventListener('success', () => {
					out.householdsEnd = performance.now();
					out.householdsRead = req.result.length;
				});
			}
			return req;
		};
	};
	probe(IDBObjectStore.prototype, (s) => s);
	probe(IDBIndex.prototype, (i) => i.objectStore);
}

/** Installed on the tap page: the timestamps of the taps on the "all sampled" button. */
function tapProbe() {
	const taps = (window.__taps = []);
	let cur = null;
	const on = (type) =>
		addEventListener(
			type,
			(e) => {
				const t = e.target;
				if (!(t instanceof Element) || !t.closest('[data-testid="all-sampled"]')) return;
				if (type === 'pointerdown') taps.push((cur = {}));
				if (!cur) return;
				cur[type] = e.timeStamp;
				// When the event reached the page's listeners (window, capture phase).
				cur[`${type}At`] = performance.now();
				if (type === 'click') cur.handler = cur.clickAt;
			},
			true
		);
	on('pointerdown');
	on('pointerup');
	on('click');
}

/**
 * Installed on the tap page before the app loads: when the app's record transaction (events +
 * outbox, read-write) is created and when it completes, to split the tap-to-commit time.
 */
function idbProbe() {
	const txs = (window.__idb = []);
	const orig = IDBDatabase.prototype.transaction;
	IDBDatabase.prototype.transaction = function (stores, mode, options) {
		const tx = orig.call(this, stores, mode, options);
		const names = typeof stores === 'string' ? [stores] : [...stores];
		if (this.name === 'doorstep' && mode === 'readwrite' && names.includes('events') && names.includes('outbox')) {
			const rec = { created: performance.now() };
			txs.push(rec);
			tx.addEventListener('complete', () => (rec.complete = performance.now()));
		}
		return tx;
	};
}

/** Raw IndexedDB baseline: one put of a visit-sized object and its transaction's complete. */
function rawPut([i, shape]) {
	const open = () =>
		new Promise((res, rej) => {
			const req = indexedDB.open('bench-raw', 1);
			req.onupgradeneeded = () => {
				const db = req.result;
				db.createObjectStore('plain', { keyPath: 'id' });
				const ev = db.createObjectStore('events', { keyPath: 'id' });
				ev.createIndex('householdId', 'householdId');
				ev.createIndex('type', 'type');
				db.createObjectStore('outbox', { keyPath: 'id' });
			};
			req.onsuccess = () => res(req.result);
			req.onerror = () => rej(req.error);
		});
	const done = (tx) =>
		new Promise((res, rej) => {
			tx.oncomplete = res;
			tx.onerror = () => rej(tx.error);
			tx.onabort = () => rej(tx.error);
		});
	return (window.__rawDb ??= open()).then(async (db) => {
		const id = `0198${String(i).padStart(4, '0')}-${Math.random().toString(16).slice(2, 14)}-7000-8000-000000000000`;
		const visit = {
			id,
			v: 1,
			deviceId: '01980000-0000-7000-8000-0000000000aa',
			volunteer: '王志愿',
			at: new Date().toISOString(),
			type: 'visit',
			householdId: `demo-9-1-${100 + i}`,
			roundId: 'round-1',
			outcome: 'sampled',
			sampled: 3,
			residents: 3,
			tube: '',
			note: '',
			replaces: []
		};
		const t0 = performance.now();
		if (shape === 'plain') {
			const tx = db.transaction('plain', 'readwrite');
			tx.objectStore('plain').put(visit);
			await done(tx);
		} else {
			// The app's shape: event (two indexes) and outbox row in one transaction.
			const tx = db.transaction(['events', 'outbox'], 'readwrite');
			tx.objectStore('events').put(visit);
			tx.objectStore('outbox').put({ id, tries: 0 });
			await done(tx);
		}
		return performance.now() - t0;
	});
}

// ---------- phases ----------

function householdIds(n) {
	const ids = [];
	for (let b = 1; b <= 17; b++)
		for (let u = 1; u <= 2; u++)
			for (let f = 1; f <= 18; f++)
				for (let r = 1; r <= 4; r++) {
					ids.push({ id: `demo-${b}-${u}-${f}${String(r).padStart(2, '0')}`, b, u });
					if (ids.length === n) return ids;
				}
	return ids;
}

async function enrol(page) {
	await page.goto('/');
	await page.waitForURL(/\/enrol$/);
	await page.locator('#code').fill('DEMO2026');
	await page.locator('#volunteer').fill('基准志愿');
	await page.getByRole('button', { name: '登记' }).click();
	await page.waitForURL(/\/grid$/, { timeout: 60_000 });
	await page.getByTestId('chip-demo-1-1-101').waitFor({ timeout: 60_000 });
	const n = await until('all households in IndexedDB', async () => {
		const c = await idbCount(page, 'households');
		return c >= HOUSEHOLDS ? c : 0;
	});
	const sw = await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.ready;
		return reg.active?.state ?? null;
	});
	return { households: n, sw };
}

async function chooseUnit(page, b, u) {
	await page.getByTestId('unit-switch').tap();
	await page.getByTestId(`unit-${b}-${u}`).tap();
	await page.getByTestId(`chip-demo-${b}-${u}-101`).waitFor();
}

async function tapToCommit(context, page, households) {
	await page.evaluate(tapProbe);
	const cdp = await throttle(context, page, THROTTLE);
	const cal = await calibrate(page);
	const app = [];
	const inputDelay = [];
	const handler = [];
	const beforeIdb = [];
	const inIdb = [];
	const afterIdb = [];
	const samples = [];
	const raw = [];
	const rawApp = [];
	let unit = '';
	for (const [i, h] of households.entries()) {
		if (`${h.b}-${h.u}` !== unit) {
			await chooseUnit(page, h.b, h.u);
			unit = `${h.b}-${h.u}`;
		}
		const chip = page.getByTestId(`chip-${h.id}`);
		await chip.tap();
		const before = await page.evaluate(() => performance.getEntriesByName('doorstep:committed').length);
		await page.getByTestId('all-sampled').tap();
		await page.waitForFunction((n) => performance.getEntriesByName('doorstep:committed').length > n, before, {
			timeout: 30_000
		});
		const m = await page.evaluate((n) => {
			const mark = performance.getEntriesByName('doorstep:committed')[n];
			const tap = window.__taps.at(-1);
			const tx = window.__idb.filter((t) => t.complete !== undefined && t.complete <= mark.startTime).at(-1);
			return { committed: mark.startTime, id: mark.detail, tap, tx };
		}, before);
		await page.locator(`[data-testid="chip-${h.id}"][data-state="done"]`).waitFor({ timeout: 30_000 });
		await page.getByTestId('record-sheet').waitFor({ state: 'detached', timeout: 30_000 });
		// The tap: the release (pointerup) of the finger on the button, as Chromium stamped it.
		const t0 = m.tap.pointerup ?? m.tap.click;
		const measured = i >= WARMUP;
		if (measured) {
			app.push(m.committed - t0);
			inputDelay.push(m.tap.handler - t0);
			handler.push(m.committed - m.tap.handler);
			if (m.tx && m.tx.created >= m.tap.handler) {
				beforeIdb.push(m.tx.created - m.tap.handler);
				inIdb.push(m.tx.complete - m.tx.created);
				afterIdb.push(m.committed - m.tx.complete);
			}
			samples.push({ household: h.id, ...m });
		}
		// Interleaved, same page, same throttle: the raw baselines.
		const r1 = await page.evaluate(rawPut, [i, 'plain']);
		const r2 = await page.evaluate(rawPut, [i, 'app-shape']);
		if (measured) {
			raw.push(r1);
			rawApp.push(r2);
		}
		if ((i + 1) % 25 === 0) log(`tap-to-commit ${i + 1}/${households.length}: last ${ms(m.committed - t0)} ms, raw ${ms(r1)} ms`);
	}
	const calThrottled = await calibrate(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
	const calFree = await calibrate(page);
	await cdp.detach();
	return {
		app: summary(app),
		inputDelay: summary(inputDelay),
		handler: summary(handler),
		beforeIdb: summary(beforeIdb),
		inIdb: summary(inIdb),
		afterIdb: summary(afterIdb),
		raw: summary(raw),
		rawApp: summary(rawApp),
		throttleCheck: { throttledMs: (cal.ms + calThrottled.ms) / 2, freeMs: calFree.ms },
		samples
	};
}

async function gridTti(context, rate, reps) {
	const runs = [];
	for (let k = 0; k < reps; k++) {
		const page = await context.newPage();
		await page.addInitScript(ttiProbe);
		const cdp = await context.newCDPSession(page);
		// A cold service worker each time, as when the phone has been in a pocket.
		const swStopped = await cdp
			.send('ServiceWorker.enable')
			.then(() => cdp.send('ServiceWorker.stopAllWorkers'))
			.then(() => true)
			.catch(() => false);
		if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
		const response = await page.goto('/grid', { waitUntil: 'commit' });
		const fromSw = response?.fromServiceWorker() ?? false;
		await page.locator('[data-testid^="chip-"]').first().waitFor({ timeout: 60_000 });
		const r = await until('first chip painted', () =>
			page.evaluate(() => (window.__tti.painted !== undefined ? window.__tti : null))
		);
		// Clickable: Playwright's actionability checks (visible, stable, enabled, receives events).
		await page.locator('[data-testid^="chip-"]').first().click({ trial: true, timeout: 10_000 });
		const nav = await page.evaluate(() => {
			const n = performance.getEntriesByType('navigation')[0];
			const js = performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.endsWith('.js'));
			return {
				responseEnd: n.responseEnd,
				domContentLoaded: n.domContentLoadedEventEnd,
				load: n.loadEventEnd,
				lastJs: Math.max(0, ...js.map((e) => e.responseEnd))
			};
		});
		const cal = await calibrate(page);
		runs.push({ ...r, ...nav, fromSw, swStopped, calMs: cal.ms });
		await cdp.detach().catch(() => {});
		await page.close();
	}
	return {
		runs,
		painted: summary(runs.map((r) => r.painted)),
		inserted: summary(runs.map((r) => r.inserted)),
		responseEnd: summary(runs.map((r) => r.responseEnd)),
		lastJs: summary(runs.map((r) => r.lastJs)),
		householdsStart: summary(runs.map((r) => r.householdsStart ?? NaN)),
		householdsEnd: summary(runs.map((r) => r.householdsEnd ?? NaN)),
		householdsRead: Math.max(...runs.map((r) => r.householdsRead ?? 0)),
		domContentLoaded: summary(runs.map((r) => r.domContentLoaded)),
		fromSw: runs.every((r) => r.fromSw),
		swStopped: runs.every((r) => r.swStopped),
		calMs: median(runs.map((r) => r.calMs))
	};
}

/** The JS files a screen loads on a cold open (served by the service worker, offline). */
async function screenScripts(context, path) {
	const page = await context.newPage();
	const urls = new Set();
	page.on('response', (r) => {
		const u = new URL(r.url());
		if (u.pathname.endsWith('.js')) urls.add(u.pathname);
	});
	await page.goto(path);
	await page.waitForLoadState('load');
	await page.waitForLoadState('networkidle').catch(() => {});
	await sleep(500);
	await page.close();
	return [...urls];
}

const gzCache = new Map();
function gzSize(pathname) {
	if (!gzCache.has(pathname)) {
		const file = join(BUILD_CLIENT, decodeURIComponent(pathname));
		const buf = readFileSync(file);
		gzCache.set(pathname, { raw: buf.length, gz: gzipSync(buf, { level: GZIP_LEVEL }).length });
	}
	return gzCache.get(pathname);
}

/** What a chunk holds, guessed from strings the libraries leave in minified code. */
const MARKERS = [
	['Dexie', /\bDexie\b/],
	['svelte-i18n', /svelte-i18n/],
	['intl-messageformat', /IntlMessageFormat|formatjs/],
	['zod', /ZodError|\$ZodType/],
	['uuidv7', /uuidv7/],
	['workbox-window', /workbox/],
	['Svelte runtime', /__svelte|hydrat/]
];
function contents(pathname) {
	const text = readFileSync(join(BUILD_CLIENT, decodeURIComponent(pathname)), 'utf8');
	return MARKERS.filter(([, re]) => re.test(text)).map(([name]) => name);
}

function jsSizes(perScreen, duringTaps) {
	const all = new Set([...Object.values(perScreen).flat()]);
	const total = (paths) =>
		[...paths].reduce((a, p) => ({ raw: a.raw + gzSize(p).raw, gz: a.gz + gzSize(p).gz }), { raw: 0, gz: 0 });
	const screens = Object.fromEntries(Object.entries(perScreen).map(([s, paths]) => [s, { files: paths.length, ...total(paths) }]));
	const later = [...duringTaps].filter((p) => !all.has(p));
	const largest = [...all]
		.map((p) => ({ path: p, ...gzSize(p), holds: contents(p) }))
		.sort((a, b) => b.gz - a.gz)
		.slice(0, 6);
	const sw = ['/sw.js'].filter((p) => existsSync(join(BUILD_CLIENT, p)));
	return { union: { files: all.size, ...total(all) }, screens, later: { files: later, ...total(later) }, largest, sw: total(sw) };
}

// ---------- report ----------

const verdict = (ok) => (ok ? '**met**' : '**not met**');

function render(r) {
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
		`- **Command:** \`${COMMAND}\` (builds, then \`node bench/field.js\`; raw figures in \`bench/out/field.json\`)`,
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
		`| Raw IndexedDB in the app's shape (event with 2 indexes + outbox row, one tx; ms) | ${ms(t.rawApp.median)} | ${ms(t.rawApp.p95)} | for context | |`,
		`| **Offline grid**: first chip interactive, no throttle (ms, n=${r.grid.free.painted.n}) | ${ms(gridFree)} | max ${ms(r.grid.free.painted.max)} | < 1 s | ${verdict(gridFree < TARGETS.gridMs)} |`,
		`| **Offline grid**: first chip interactive, CPU 4× (ms, n=${r.grid.slow.painted.n}) | ${ms(gridSlow)} | max ${ms(r.grid.slow.painted.max)} | < 1 s | ${verdict(gridSlow < TARGETS.gridMs)} |`,
		`| ↳ document from the service worker (responseEnd), no throttle / 4× (ms) | ${ms(r.grid.free.responseEnd.median)} / ${ms(r.grid.slow.responseEnd.median)} | | for context | |`,
		`| ↳ DOMContentLoaded, no throttle / 4× (ms) | ${ms(r.grid.free.domContentLoaded.median)} / ${ms(r.grid.slow.domContentLoaded.median)} | | for context | |`,
		`| ↳ last JS file received (resource timing), no throttle / 4× (ms) | ${ms(r.grid.free.lastJs.median)} / ${ms(r.grid.slow.lastJs.median)} | | for context | |`,
		`| ↳ the first read of households (${r.grid.slow.householdsRead} rows, one \`getAll\`) starts → ends, no throttle / 4× (ms) | ${ms(r.grid.free.householdsStart.median)} → ${ms(r.grid.free.householdsEnd.median)} / ${ms(r.grid.slow.householdsStart.median)} → ${ms(r.grid.slow.householdsEnd.median)} | | for context | |`,
		`| ↳ first chip in the DOM, no throttle / 4× (ms) | ${ms(r.grid.free.inserted.median)} / ${ms(r.grid.slow.inserted.median)} | | for context | |`,
		`| **JS of the volunteer screens** (${SCREENS.join(', ')}), gzip -${GZIP_LEVEL} (KB) | ${kb(js)} | | < 100 KB | ${verdict(js < TARGETS.jsBytes)} |`,
		'',
		...(r.previous
			? [
					`Previous version (${r.previous.revision}, ${r.previous.date}): tap → commit median ${ms(r.previous.tapMedian)} / p95 ${ms(r.previous.tapP95)} ms (${(r.previous.tapP95 / r.previous.rawP95).toFixed(2)}× its raw p95 of ${ms(r.previous.rawP95)} ms); click → commit median ${ms(r.previous.handlerMedian)} / p95 ${ms(r.previous.handlerP95)} ms; offline grid ${ms(r.previous.gridFree)} ms unthrottled, ${ms(r.previous.gridSlow)} ms at CPU 4×; volunteer JS ${kb(r.previous.jsGz)} KB gz.`,
					''
				]
			: []),
		`Targets: tap-to-commit p95 within 1.5× raw IndexedDB — ${verdict(ratio <= TARGETS.ratio)} (${ratio.toFixed(2)}×); ` +
			`offline grid under 1 s — ${verdict(gridFree < TARGETS.gridMs)} unthrottled (${ms(gridFree)} ms), ${verdict(gridSlow < TARGETS.gridMs)} at CPU 4× (${ms(gridSlow)} ms); ` +
			`JS under 100 KB gz — ${verdict(js < TARGETS.jsBytes)} (${kb(js)} KB).`,
		'',
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
			(c) =>
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
 * The headline figures of the last run (bench/out/field.json), kept for comparison; or of the
 * file named by BENCH_PREVIOUS (a field.json, or just its `previous` headline figures).
 */
function previousRun() {
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
			jsGz: p.js.union.gz
		};
	} catch {
		return null;
	}
}

// ---------- main ----------

async function main() {
	if (!existsSync(join(ROOT, 'build', 'index.js'))) throw new Error('no build: run `npm run build` first (npm run bench:field does)');
	const started = Date.now();
	const rev = revision();
	snapshotBuild(SNAPSHOT);
	const port = await pickPort(process.env.BENCH_PORT ? [Number(process.env.BENCH_PORT)] : [4391, 4392, 4393, 4394, 4395, 4396, 4397, 4398]);
	const dataDir = mkdtempSync(join(os.tmpdir(), 'doorstep-bench-'));
	const baseURL = `http://127.0.0.1:${port}`;
	let server;
	let browser;
	const cleanup = async () => {
		await browser?.close().catch(() => {});
		await stopServer(server);
		rmSync(dataDir, { recursive: true, force: true });
		rmSync(SNAPSHOT, { recursive: true, force: true });
	};
	const guard = setTimeout(() => {
		log(`hung: still running after ${HANG_LIMIT_MS} ms; cleaning up`);
		void cleanup().finally(() => process.exit(2));
	}, HANG_LIMIT_MS);
	guard.unref();
	const onSignal = () => void cleanup().finally(() => process.exit(130));
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	try {
		log(`server on ${baseURL}, data in ${dataDir}`);
		server = startServer(SNAPSHOT, port, dataDir, DEMO_SIZE);
		await waitForServer(`${baseURL}/`, server);

		browser = await launchChromium();
		// eslint-disable-next-line @typescript-eslint/no-unused-vars
		const { defaultBrowserType: _d, ...pixel } = devices['Pixel 5'];
		const context = await browser.newContext({ ...pixel, baseURL, locale: 'zh-CN' });
		context.setDefaultTimeout(30_000);

		log('enrolling and waiting for the first sync');
		const first = await context.newPage();
		const setup = await enrol(first);
		log(`device holds ${setup.households} households; service worker ${setup.sw}`);

		await context.setOffline(true);
		await first.close();
		const page = await context.newPage();
		await page.addInitScript(idbProbe);
		const tapScripts = new Set();
		page.on('response', (r) => {
			const u = new URL(r.url());
			if (u.pathname.endsWith('.js')) tapScripts.add(u.pathname);
		});
		const resp = await page.goto('/grid');
		if (!resp?.fromServiceWorker()) log('warning: the offline /grid was not served by the service worker');
		await page.locator('[data-testid^="chip-"]').first().waitFor();

		log(`tap-to-commit: ${VISITS} visits (+${WARMUP} warm-up) at CPU ${THROTTLE}×`);
		const taps = await tapToCommit(context, page, householdIds(VISITS + WARMUP));
		await page.close();

		log('offline grid loads');
		const grid = { free: await gridTti(context, 1, TTI_REPS), slow: await gridTti(context, THROTTLE, TTI_REPS) };

		log('JS of the volunteer screens');
		const perScreen = {};
		for (const s of SCREENS) perScreen[s] = await screenScripts(context, s);
		const js = jsSizes(perScreen, tapScripts);

		const results = {
			date: new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'),
			machine: {
				cpus: os.cpus().length,
				cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown CPU',
				memGb: Math.round(os.totalmem() / 1e9),
				node: process.version,
				chromium: browser.version(),
				playwright: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'playwright-core', 'package.json'), 'utf8')).version
			},
			port,
			revision: rev,
			setup,
			taps,
			grid,
			js: { ...js, perScreen },
			seconds: Math.round((Date.now() - started) / 1000)
		};
		results.previous = previousRun();
		mkdirSync(OUT_DIR, { recursive: true });
		writeFileSync(join(OUT_DIR, 'field.json'), JSON.stringify(results, null, '\t'));
		const section = render(results);
		writeDoc('field', section);
		console.log(section);
		log(`done in ${results.seconds} s; wrote docs/benchmarks.md and bench/out/field.json`);
	} finally {
		clearTimeout(guard);
		await cleanup();
	}
}

main().catch((err) => {
	console.error(err);
	process.exitCode = 1;
});
