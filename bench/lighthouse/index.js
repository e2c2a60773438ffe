// Lighthouse (mobile preset) on the enrol page and on the grid after enrolment. Run with
// `npm run bench:lighthouse` (it builds first). Lighthouse drives Debian's Chromium, launched by
// Playwright with a debugging port, in one persistent profile: the enrol page is audited on a
// clean origin (Lighthouse resets storage), then the device enrols through the real form, and
// the grid is audited with storage kept — as a volunteer opens it, through the service worker.
// A cold start opens on the PIN lock screen (issue 9), so the grid is a user flow: the
// navigation (which paints the lock screen) and a timespan from typing the PIN to the first
// chip. Figures go to docs/benchmarks.md; no figure changes the exit code.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import lighthouse, { startFlow } from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { enrolVolunteer, TEST_PIN } from '../../tests/support/flows.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/support/chromium.js';
import { intFromEnv, machine, OUT_DIR, writeDoc } from '../lib/harness.js';
import { runBench } from '../lib/run.js';

const SNAPSHOT = join(OUT_DIR, `build-snapshot-lh-${process.pid}`);
const RUNS = intFromEnv('BENCH_LH_RUNS', 3);
const PORT = intFromEnv('BENCH_PORT', 4480) + 3;
const DEBUG_PORT = PORT + 1;
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const METRICS = {
	fcp: 'first-contentful-paint',
	lcp: 'largest-contentful-paint',
	tbt: 'total-blocking-time',
	cls: 'cumulative-layout-shift',
	si: 'speed-index'
};

/** @param {any} lhr */
function figures(lhr) {
	/** @type {Record<string, number | null>} */
	const out = {};
	for (const c of CATEGORIES) out[c] = lhr.categories[c] ? Math.round(lhr.categories[c].score * 100) : null;
	for (const [k, id] of Object.entries(METRICS)) out[k] = lhr.audits[id]?.numericValue ?? null;
	return out;
}

/** @param {Record<string, number | null>[]} runs */
function medianOf(runs) {
	/** @type {Record<string, number | null>} */
	const out = {};
	for (const k of Object.keys(runs[0])) {
		const xs = runs.map((r) => r[k]).filter((x) => x !== null);
		xs.sort((a, b) => /** @type {number} */ (a) - /** @type {number} */ (b));
		out[k] = xs.length ? /** @type {number} */ (xs[Math.floor((xs.length - 1) / 2)]) : null;
	}
	return out;
}

const f0 = (/** @type {number | null} */ x) => (x === null ? '—' : Math.round(x).toLocaleString('en-US'));
const s1 = (/** @type {number | null} */ x) => (x === null ? '—' : `${(x / 1000).toFixed(2)} s`);

await runBench('lighthouse', { hangLimitMs: 15 * 60_000 }, async (run) => {
	run.snapshot(SNAPSHOT);
	const dataDir = run.tmpDir('doorstep-lh-');
	const server = await run.server({ snapshot: SNAPSHOT, port: PORT, dataDir, demoSize: '17,2,18,4' });
	const base = `http://127.0.0.1:${PORT}`;
	const context = await chromium.launchPersistentContext(run.tmpDir('doorstep-lh-profile-'), {
		executablePath: CHROMIUM_PATH,
		args: [...CHROMIUM_ARGS, `--remote-debugging-port=${DEBUG_PORT}`],
		headless: true,
		baseURL: base,
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false
	});
	run.cleanup(() => context.close());
	const flags = {
		port: DEBUG_PORT,
		output: /** @type {'json'} */ ('json'),
		logLevel: /** @type {'error'} */ ('error')
	};

	run.log(`enrol page: ${RUNS} Lighthouse runs (mobile preset, storage reset each time)`);
	const enrol = [];
	for (let i = 0; i < RUNS; i++) {
		const r = await lighthouse(`${base}/enrol`, { ...flags, onlyCategories: CATEGORIES });
		if (!r) throw new Error('Lighthouse returned nothing for /enrol');
		enrol.push(figures(r.lhr));
	}

	run.log('enrolling the device through the real form');
	const page = await context.newPage();
	page.setDefaultTimeout(60_000);

	await enrolVolunteer(page, '灯塔志愿', { code: server.codes.volunteerCode, timeout: 60_000 });
	await page.close();

	run.log(`grid: ${RUNS} Lighthouse user flows (navigation to the lock screen, then the unlock as a timespan)`);
	const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${DEBUG_PORT}`, defaultViewport: null });
	const lock = [];
	const unlock = [];
	/** @type {number[]} */
	const unlockToChip = [];
	for (let i = 0; i < RUNS; i++) {
		const p = await browser.newPage();
		// Lighthouse names its own puppeteer-core (23.x); the project's 24.x page drives the same
		// CDP session, so it is passed through untyped.
		const flow = await startFlow(/** @type {any} */ (p), {
			flags: { ...flags, disableStorageReset: true, onlyCategories: CATEGORIES }
		});
		await flow.navigate(`${base}/grid`);
		await flow.startTimespan();
		await p.waitForSelector('[data-testid="pin"]');
		await p.type('[data-testid="pin"]', TEST_PIN);
		const t0 = await p.evaluate(() => performance.now());
		await p.click('[data-testid="unlock-submit"]');
		await p.waitForSelector('[data-testid^="chip-"]');
		unlockToChip.push((await p.evaluate(() => performance.now())) - t0);
		await flow.endTimespan();
		const result = await flow.createFlowResult();
		lock.push(figures(result.steps[0].lhr));
		unlock.push(figures(result.steps[1].lhr));
		await p.close();
	}
	await browser.disconnect();

	const results = {
		date: new Date()
			.toISOString()
			.replace('T', ' ')
			.replace(/\.\d+Z$/, ' UTC'),
		revision: run.revision,
		machine: { ...machine(), lighthouse: '12.2.3', chromium: context.browser()?.version() ?? '' },
		runs: RUNS,
		enrol: { median: medianOf(enrol), all: enrol },
		gridLock: { median: medianOf(lock), all: lock },
		gridUnlock: { median: medianOf(unlock), all: unlock, unlockToChipMs: unlockToChip }
	};
	writeFileSync(join(OUT_DIR, 'lighthouse.json'), JSON.stringify(results, null, '\t'));
	const e = results.enrol.median;
	const g = results.gridLock.median;
	const u = results.gridUnlock.median;
	const met = (/** @type {number | null} */ x) => (x !== null && x >= 95 ? '**met**' : '**not met**');
	const section = [
		'<!-- bench:lighthouse -->',
		'## Lighthouse: enrol page and grid (mobile preset)',
		'',
		`- **Date:** ${results.date}`,
		`- **Command:** \`npm run bench:lighthouse\` (builds, then \`node bench/lighthouse\`; raw figures in \`bench/out/lighthouse.json\`), revision ${results.revision}`,
		`- **Machine:** ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}, Lighthouse 12.2.3 (Node API, default mobile config: simulated slow 4G and CPU 4×), headless Chromium ${results.machine.chromium} (Debian), shared and noisy`,
		`- **Runs:** ${RUNS} of each, median per figure. Enrol: a clean origin each run (Lighthouse resets storage). Grid: the device enrolled through the real form (2,448 households), storage kept, so the service worker serves it; a cold start opens on the PIN lock screen (issue 9), so the navigation audits the lock screen, and a timespan covers typing the PIN, the unlock and the first chip.`,
		'',
		'| Page | Performance | Accessibility | Best practices | FCP | LCP | TBT | CLS | Goal: performance ≥ 95 |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---|',
		`| \`/enrol\` (navigation) | ${f0(e.performance)} | ${f0(e.accessibility)} | ${f0(e['best-practices'])} | ${s1(e.fcp)} | ${s1(e.lcp)} | ${f0(e.tbt)} ms | ${e.cls?.toFixed(3)} | ${met(e.performance)} |`,
		`| \`/grid\` after enrolment (navigation: the lock screen) | ${f0(g.performance)} | ${f0(g.accessibility)} | ${f0(g['best-practices'])} | ${s1(g.fcp)} | ${s1(g.lcp)} | ${f0(g.tbt)} ms | ${g.cls?.toFixed(3)} | ${met(g.performance)} |`,
		`| \`/grid\`: unlock → first chip (timespan) | ${f0(u.performance)} | ${f0(u.accessibility)} | ${f0(u['best-practices'])} | | | ${f0(u.tbt)} ms | ${u.cls?.toFixed(3)} | ${met(u.performance)} |`,
		'',
		`Unlock click → first chip in the DOM during the timespans (no Lighthouse throttling of the page's CPU there; ms): ${unlockToChip.map(f0).join(', ')}.`,
		'<!-- /bench:lighthouse -->'
	].join('\n');
	writeDoc('lighthouse', section);
	console.log(section);
});
