// Lead benchmark: importing a 2,500-household roster on the lead's device (CSV and .xlsx,
// parsed in the browser, then the server's dry run and the import), and the team coverage the
// /lead screen computes for 10,000 households with 6,000 visits, against a raw IndexedDB read
// of those households. Run with `npm run bench:lead` (it builds first).
//
// Like bench/field.js: it serves a private copy of build/ with `node scripts/start.js` on its
// own loopback port (4700–4799) and a temporary DATA_DIR, drives Debian's Chromium through the
// real UI, writes its section of docs/benchmarks.md and prints it. No figure changes the exit
// code; only a crash or a hang (the overall limit) exits non-zero.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { devices } from '@playwright/test';
import { build } from 'vite';
import writeExcelFile from 'write-excel-file/node';
import { uuidv7 } from 'uuidv7';
import {
	calibrate,
	idbCount,
	launchChromium,
	median,
	ms,
	OUT_DIR,
	pickPort,
	revision,
	ROOT,
	snapshotBuild,
	startServer,
	stopServer,
	throttle,
	until,
	waitForServer,
	writeDoc
} from './lib/harness.js';

const SNAPSHOT = join(OUT_DIR, `lead-snapshot-${process.pid}`);

const COMMAND = 'npm run bench:lead';
const int = (name, fallback) => {
	const n = Number(process.env[name] ?? fallback);
	if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1`);
	return n;
};
const ROSTER = 2500;
const IMPORT_REPS = int('BENCH_IMPORT_REPS', 3);
const COVER_SIZE = '25,2,25,8';
const COVER_HOUSEHOLDS = 25 * 2 * 25 * 8; // 10,000
const VISITS = int('BENCH_VISITS', 6000);
const REVISITS = 400; // households visited twice: nobody home first, then sampled
const VOLUNTEERS = 8;
const COMPUTE_REPS = int('BENCH_COMPUTE_REPS', 7);
const RELOAD_REPS = int('BENCH_RELOAD_REPS', 5);
const THROTTLE = 4;
const HANG_LIMIT_MS = int('BENCH_HANG_LIMIT_MS', 15 * 60_000);
const TAGS = ['独居老人', '空巢老人', '行动不便', '残疾人', '孕妇', '婴幼儿', '慢性病', '居家隔离', '医护家庭'];

const log = (...a) => console.error('[bench:lead]', ...a);

// ---------- statistics ----------

/** This bench's own ports: 4700–4799. */
const portsFrom = (from) => Array.from({ length: Math.max(0, 4800 - from) }, (_, i) => from + i);
const summary = (xs) => ({ n: xs.length, median: median(xs), min: Math.min(...xs), max: Math.max(...xs), all: xs });
const n0 = (x) => x.toLocaleString('en-US');

// ---------- server ----------

// ---------- browser helpers ----------

async function enrolLead(page, name) {
	await page.goto('/enrol?code=LEAD2026');
	await page.getByLabel('志愿者姓名').fill(name);
	const t0 = Date.now();
	await page.getByRole('button', { name: '登记' }).click();
	await page.waitForURL(/\/lead$/, { timeout: 60_000 });
	await page.getByTestId('team-total').waitFor({ timeout: 120_000 });
	return t0;
}


// ---------- part 1: roster import ----------

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志海云春荣凤梅琴斌';

/**
 * The roster households with global numbers [offset, offset + ROSTER): building 10 onwards (the
 * small demo holds buildings 1–3), 2 units × 18 floors × 4 rooms a building. `variant` changes
 * the phone numbers, so a household already imported by an earlier file counts as updated.
 */
function rosterRows(offset, variant) {
	const rows = [];
	for (let j = offset; j < offset + ROSTER; j++) {
		const b = 10 + Math.floor(j / 144);
		const u = 1 + Math.floor((j % 144) / 72);
		const floor = 1 + Math.floor((j % 72) / 4);
		const room = `${floor}0${1 + (j % 4)}`;
		const head = SURNAMES[(j * 7) % SURNAMES.length] + GIVEN[(j * 13) % GIVEN.length] + (j % 3 ? GIVEN[(j * 31) % GIVEN.length] : '');
		let tags = '';
		if (j % 7 === 3) tags = TAGS[j % TAGS.length];
		if (j % 29 === 5) tags = `${TAGS[j % TAGS.length]}、${TAGS[(j + 4) % TAGS.length]}`;
		const residents = tags.includes('独居老人') ? 1 : 1 + ((j * 11) % 5);
		const note = j % 97 === 0 ? '腿骨折,无法下楼' : j % 41 === 0 ? '需上门' : j % 53 === 0 ? '租户' : '';
		const phone = String(13_000_000_000 + variant * 100_000 + (j % 100_000));
		rows.push({ building: String(b), unit: String(u), floor, room, head, phone, residents, tags, note });
	}
	return rows;
}

const HEADERS = ['楼栋', '单元', '楼层', '房号', '户主', '联系电话', '常住人数', '重点人群', '备注'];
const cells = (r) => [r.building, r.unit, r.floor, r.room, r.head, r.phone, r.residents, r.tags, r.note];
const csvCell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
const toCsv = (rows) => [HEADERS.join(','), ...rows.map((r) => cells(r).map(csvCell).join(','))].join('\n') + '\n';

async function toXlsx(rows) {
	const str = (v) => ({ value: String(v), type: String });
	const data = [
		HEADERS.map((h) => ({ value: h, fontWeight: 'bold' })),
		...rows.map((r) => [str(r.building), str(r.unit), r.floor, str(r.room), str(r.head), str(r.phone), r.residents, str(r.tags), str(r.note)])
	];
	return writeExcelFile(data).toBuffer();
}

/** Installed on the import page: when the file is set, the preview, the plan, the tap and the result. */
function importProbe() {
	const t = (window.__imp = {});
	addEventListener(
		'change',
		(e) => {
			if (e.target instanceof HTMLInputElement && e.target.type === 'file') t.set = performance.now();
		},
		true
	);
	addEventListener(
		'click',
		(e) => {
			if (e.target instanceof Element && e.target.closest('[data-testid="import-confirm"]')) t.confirm = performance.now();
		},
		true
	);
	const seen = (id, key) => {
		if (t[key] === undefined && document.querySelector(`[data-testid="${id}"]`)) t[key] = performance.now();
	};
	new MutationObserver(() => {
		seen('import-counts', 'counts');
		seen('import-plan', 'plan');
		seen('import-done', 'done');
		if (t.done !== undefined && t.idle === undefined && !document.querySelector('progress')) t.idle = performance.now();
	}).observe(document, { childList: true, subtree: true });
}

async function importOnce(context, file, rate, confirm) {
	const page = await context.newPage();
	await page.addInitScript(importProbe);
	const answers = [];
	page.on('response', (r) => {
		if (new URL(r.url()).pathname === '/api/roster' && r.request().method() === 'POST')
			answers.push(r.json().catch(() => null));
	});
	const cdp = await throttle(context, page, rate);
	await page.goto('/lead/import');
	await page.getByTestId('roster-file').waitFor();
	await page.waitForLoadState('networkidle').catch(() => {});
	const cal = await calibrate(page);
	await page.getByTestId('roster-file').setInputFiles(file);
	await page.getByTestId('import-plan').waitFor({ timeout: 120_000 });
	const counts = (await page.getByTestId('import-counts').textContent())?.trim();
	const plan = (await page.getByTestId('import-plan').textContent())?.trim();
	let done = null;
	if (confirm) {
		await page.getByTestId('import-confirm').click();
		await page.getByTestId('import-done').waitFor({ timeout: 120_000 });
		done = (await page.getByTestId('import-done').textContent())?.trim();
		// The screen then syncs the lead's device; the next import starts after it has finished.
		await page.locator('progress').waitFor({ state: 'detached', timeout: 180_000 });
		await until('import probe idle', () => page.evaluate(() => window.__imp.idle !== undefined), 120_000);
	}
	const t = await page.evaluate(() => window.__imp);
	const server = (await Promise.all(answers)).filter(Boolean);
	await cdp.detach().catch(() => {});
	await page.close();
	return {
		rate,
		calMs: cal.ms,
		counts,
		plan,
		done,
		preview: t.counts - t.set,
		dryRun: t.plan - t.set,
		dryRunOnly: t.plan - t.counts,
		confirm: confirm ? t.done - t.confirm : undefined,
		synced: confirm ? t.idle - t.confirm : undefined,
		server
	};
}

async function importPhase(browser, baseURL, workDir) {
	const context = await browser.newContext({ ...device(), baseURL, locale: 'zh-CN' });
	context.setDefaultTimeout(60_000);
	const setup = await context.newPage();
	await enrolLead(setup, '导入基准队长');
	await setup.close();

	let step = 0;
	const fileFor = async (kind) => {
		const rows = rosterRows(step * (ROSTER / 2), step);
		const path = join(workDir, `roster-${step}.${kind}`);
		writeFileSync(path, kind === 'csv' ? toCsv(rows) : await toXlsx(rows));
		step++;
		return path;
	};
	log('import warm-up: 2,500 new households (CSV, not counted)');
	const warm = await importOnce(context, await fileFor('csv'), 1, true);
	const csv = { 1: [], [THROTTLE]: [] };
	const xlsx = { 1: [], [THROTTLE]: [] };
	for (let k = 0; k < IMPORT_REPS; k++) {
		for (const rate of [1, THROTTLE]) {
			const r = await importOnce(context, await fileFor('csv'), rate, true);
			csv[rate].push(r);
			log(`CSV import ${k + 1}/${IMPORT_REPS} at CPU ${rate}×: preview ${ms(r.preview)} ms, plan ${ms(r.dryRun)} ms, confirm ${ms(r.confirm)} ms`);
		}
	}
	const sizes = { csv: readFileSync(join(workDir, 'roster-1.csv')).length };
	for (let k = 0; k < IMPORT_REPS; k++) {
		for (const rate of [1, THROTTLE]) {
			// Dry run only: the file would create and update as the CSVs did, but is not saved.
			const path = await fileFor('xlsx');
			sizes.xlsx ??= readFileSync(path).length;
			const r = await importOnce(context, path, rate, false);
			xlsx[rate].push(r);
			log(`xlsx preview ${k + 1}/${IMPORT_REPS} at CPU ${rate}×: preview ${ms(r.preview)} ms, plan ${ms(r.dryRun)} ms`);
		}
	}
	await context.close();
	// The small demo's 72 households plus everything the confirmed imports created.
	const created = [warm, ...csv[1], ...csv[THROTTLE]].reduce((n, r) => n + (r.server.at(-1)?.created ?? 0), 0);
	const teamAfter = 72 + created;
	const sum = (runs) => ({
		runs,
		preview: summary(runs.map((r) => r.preview)),
		dryRun: summary(runs.map((r) => r.dryRun)),
		dryRunOnly: summary(runs.map((r) => r.dryRunOnly)),
		confirm: runs[0].confirm === undefined ? undefined : summary(runs.map((r) => r.confirm)),
		synced: runs[0].synced === undefined ? undefined : summary(runs.map((r) => r.synced)),
		calMs: median(runs.map((r) => r.calMs))
	});
	return {
		warm,
		sizes,
		teamAfter,
		csv: { free: sum(csv[1]), slow: sum(csv[THROTTLE]) },
		xlsx: { free: sum(xlsx[1]), slow: sum(xlsx[THROTTLE]) }
	};
}

// ---------- part 2: coverage of 10,000 households ----------

async function api(baseURL, method, path, body, token) {
	const res = await fetch(baseURL + path, {
		method,
		headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
		body: body ? JSON.stringify(body) : undefined,
		signal: AbortSignal.timeout(120_000)
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
	return JSON.parse(text);
}

/** 6,000 visits by 8 volunteers over the shift, pushed as their devices would (500 a batch). */
async function pushVisits(baseURL) {
	const vols = [];
	for (let v = 0; v < VOLUNTEERS; v++) vols.push(await api(baseURL, 'POST', '/api/enrol', { code: 'DEMO2026', volunteer: `基准志愿${v + 1}` }));
	const households = [];
	let roundId = null;
	let cursor = 0;
	for (let guard = 0; guard < 1000; guard++) {
		const page = await api(baseURL, 'GET', `/api/sync/pull?cursor=${cursor}`, null, vols[0].token);
		households.push(...page.households);
		for (const r of page.rounds) if (r.active) roundId = r.id;
		cursor = page.cursor;
		if (!page.more) break;
	}
	if (households.length !== COVER_HOUSEHOLDS || !roundId) throw new Error(`pulled ${households.length} households, round ${roundId}`);
	// A fixed permutation of the households (stride coprime with 10,000).
	const order = households.map((_, i) => households[(i * 7919) % households.length]);
	const distinct = VISITS - REVISITS;
	const shift = Date.parse('2026-11-23T01:00:00.000Z');
	const perVol = vols.map(() => []);
	let made = 0;
	const visit = (h, outcome, when) => {
		const vol = made % VOLUNTEERS;
		const sampled = outcome === 'sampled' ? h.residents : 0;
		perVol[vol].push({
			id: uuidv7(),
			v: 1,
			type: 'visit',
			deviceId: vols[vol].deviceId,
			volunteer: vols[vol].volunteer ?? `基准志愿${vol + 1}`,
			at: new Date(shift + when * 2000).toISOString(),
			householdId: h.id,
			roundId,
			outcome,
			sampled,
			residents: h.residents,
			tube: outcome === 'sampled' ? `T${String(made).padStart(7, '0')}` : '',
			note: '',
			replaces: []
		});
		made++;
	};
	const outcomes = (i) => (i % 20 === 7 ? 'nobody_home' : i % 50 === 11 ? 'refused' : i % 50 === 23 ? 'not_living' : 'sampled');
	for (let i = 0; i < distinct; i++) visit(order[i], i < REVISITS ? 'nobody_home' : outcomes(i), i);
	for (let i = 0; i < REVISITS; i++) visit(order[i], 'sampled', distinct + i);
	let accepted = 0;
	for (const [v, events] of perVol.entries()) {
		for (let i = 0; i < events.length; i += 500) {
			const batch = events.slice(i, i + 500);
			const { results } = await api(baseURL, 'POST', '/api/sync/push', { events: batch, pending: events.length - i }, vols[v].token);
			const ok = results.filter((r) => r.status === 'accepted').length;
			if (ok !== batch.length) throw new Error(`push: ${ok} of ${batch.length} accepted: ${JSON.stringify(results.find((r) => r.status !== 'accepted'))}`);
			accepted += ok;
		}
	}
	return { accepted, volunteers: VOLUNTEERS, distinct, revisits: REVISITS };
}

/**
 * In the page: the app's database read with raw IndexedDB as the lead screen reads it (all
 * households; visit and void events through the type index; rounds), then the screen's own
 * computation (bundled from the same modules) timed on it, and a bare getAll of the households.
 */
function computeInPage([reps]) {
	const req = (r) => new Promise((res, rej) => ((r.onsuccess = () => res(r.result)), (r.onerror = () => rej(r.error))));
	const read = async (db) => {
		const tx = db.transaction(['households', 'events', 'rounds']);
		const ev = tx.objectStore('events').index('type');
		const [households, visits, voids, rounds] = await Promise.all([
			req(tx.objectStore('households').getAll()),
			req(ev.getAll('visit')),
			req(ev.getAll('void')),
			req(tx.objectStore('rounds').getAll())
		]);
		return { households, events: visits.concat(voids), rounds };
	};
	return req(indexedDB.open('doorstep')).then(async (db) => {
		const out = { compute: [], rawHouseholds: [], readAll: [] };
		let data;
		let result;
		for (let k = 0; k <= reps; k++) {
			let t0 = performance.now();
			const tx = db.transaction('households');
			const hs = await req(tx.objectStore('households').getAll());
			const raw = performance.now() - t0;
			t0 = performance.now();
			data = await read(db);
			const readAll = performance.now() - t0;
			t0 = performance.now();
			result = window.LeadBench.leadCoverage(data.households, data.events, data.rounds);
			const compute = performance.now() - t0;
			// The first round is a warm-up (code not yet optimised, caches cold): not counted.
			if (k > 0) {
				out.rawHouseholds.push(raw);
				out.readAll.push(readAll);
				out.compute.push(compute);
			}
			out.rawRows = hs.length;
		}
		db.close();
		const total = result.team.total;
		out.households = data.households.length;
		out.events = data.events.length;
		out.total = { ...total };
		out.missingFloors = result.missing.length;
		out.missingHouseholds = result.missing.reduce((n, f) => n + f.households.length, 0);
		out.disagreements = result.team.disagreements.length;
		return out;
	});
}

/** Installed before any page script: when team-total first shows, and when it shows the full fold. */
function totalProbe(expected) {
	const out = (window.__total = {});
	const check = () => {
		const el = document.querySelector('[data-testid="team-total"]');
		if (!el) return;
		out.inserted ??= performance.now();
		if (out.final !== undefined) return;
		if (!el.textContent.replace(/[,\s]/g, '').includes(expected)) return;
		out.final = performance.now();
		mo.disconnect();
		requestAnimationFrame(() => {
			const ch = new MessageChannel();
			ch.port1.onmessage = () => (out.painted = performance.now());
			ch.port2.postMessage(0);
		});
	};
	const mo = new MutationObserver(check);
	mo.observe(document, { childList: true, subtree: true, characterData: true });
	const getAll = IDBObjectStore.prototype.getAll;
	IDBObjectStore.prototype.getAll = function (...args) {
		const r = getAll.apply(this, args);
		if (this.name === 'households' && out.householdsStart === undefined) {
			out.householdsStart = performance.now();
			r.addEventListener('success', () => {
				out.householdsEnd = performance.now();
				out.householdsRead = r.result.length;
			});
		}
		return r;
	};
}

async function leadReload(context, rate, expected) {
	const runs = [];
	for (let k = 0; k < RELOAD_REPS; k++) {
		const page = await context.newPage();
		await page.addInitScript(totalProbe, expected);
		const cdp = await context.newCDPSession(page);
		const swStopped = await cdp
			.send('ServiceWorker.enable')
			.then(() => cdp.send('ServiceWorker.stopAllWorkers'))
			.then(() => true)
			.catch(() => false);
		if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
		const response = await page.goto('/lead', { waitUntil: 'commit' });
		const fromSw = response?.fromServiceWorker() ?? false;
		const r = await until('team total painted', () => page.evaluate(() => (window.__total.painted !== undefined ? window.__total : null)), 120_000);
		const cal = await calibrate(page);
		runs.push({ ...r, fromSw, swStopped, calMs: cal.ms });
		await cdp.detach().catch(() => {});
		await page.close();
	}
	return {
		runs,
		inserted: summary(runs.map((r) => r.inserted)),
		final: summary(runs.map((r) => r.final)),
		painted: summary(runs.map((r) => r.painted)),
		householdsStart: summary(runs.map((r) => r.householdsStart ?? NaN)),
		householdsEnd: summary(runs.map((r) => r.householdsEnd ?? NaN)),
		householdsRead: Math.max(...runs.map((r) => r.householdsRead ?? 0)),
		fromSw: runs.every((r) => r.fromSw),
		swStopped: runs.every((r) => r.swStopped),
		calMs: median(runs.map((r) => r.calMs))
	};
}

async function bundleComputation() {
	const out = await build({
		configFile: false,
		logLevel: 'silent',
		root: ROOT,
		resolve: { alias: { $lib: join(ROOT, 'src', 'lib') } },
		build: { write: false, minify: true, lib: { entry: join(ROOT, 'bench', 'lead', 'compute.js'), formats: ['iife'], name: 'LeadBench' } }
	});
	const code = (Array.isArray(out) ? out[0] : out).output[0].code;
	return code;
}

async function coveragePhase(browser, baseURL) {
	const pushed = await pushVisits(baseURL);
	log(`pushed ${n0(pushed.accepted)} visits from ${pushed.volunteers} volunteer devices`);
	const context = await browser.newContext({ ...device(), baseURL, locale: 'zh-CN' });
	context.setDefaultTimeout(60_000);
	const page = await context.newPage();
	const t0 = await enrolLead(page, '覆盖基准队长');
	await until('the lead device holds every household and visit', async () => {
		const [h, e] = [await idbCount(page, 'households'), await idbCount(page, 'events')];
		return h >= COVER_HOUSEHOLDS && e >= pushed.accepted;
	}, 120_000);
	const firstSyncMs = Date.now() - t0;
	await page.waitForLoadState('networkidle').catch(() => {});
	const sw = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state ?? null);
	log(`lead device synced ${n0(COVER_HOUSEHOLDS)} households in ${ms(firstSyncMs)} ms (enrol tap → all in IndexedDB); service worker ${sw}`);

	const code = await bundleComputation();
	await context.setOffline(true);
	// A quiet page of the same origin (no app code running beside the measurement).
	const quiet = await context.newPage();
	await quiet.goto('/icon-192.png');
	await quiet.evaluate(`${code}\nwindow.LeadBench = LeadBench;`);
	const compute = {};
	for (const rate of [1, THROTTLE]) {
		const cdp = await throttle(context, quiet, rate);
		const cal = await calibrate(quiet);
		compute[rate] = { ...(await quiet.evaluate(computeInPage, [COMPUTE_REPS])), calMs: cal.ms };
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
		await cdp.detach();
		log(`computation at CPU ${rate}×: ${ms(median(compute[rate].compute))} ms; raw households getAll ${ms(median(compute[rate].rawHouseholds))} ms`);
	}
	await quiet.close();
	await page.close();
	const total = compute[1].total;
	const expected = `${total.householdsDone}/${total.households}户`;
	log(`offline /lead reloads until the total shows ${expected}`);
	const reload = { free: await leadReload(context, 1, expected), slow: await leadReload(context, THROTTLE, expected) };
	await context.close();
	return { pushed, firstSyncMs, sw, compute, reload, expected, bundleBytes: code.length };
}

// ---------- report ----------

const device = () => {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { defaultBrowserType: _d, ...pixel } = devices['Pixel 5'];
	return pixel;
};

function render(r) {
	const i = r.import;
	const c = r.coverage;
	const cf = c.compute[1];
	const cs = c.compute[THROTTLE];
	const row = (label, free, slow, note = '') => `| ${label} | ${ms(free.median)} | ${ms(slow.median)} | ${note} |`;
	const range = (s) => `${ms(s.min)}–${ms(s.max)}`;
	const plans = (runs) => [...new Set(runs.map((x) => x.server.at(-1)).filter(Boolean).map((a) => `${a.created} created / ${a.updated} updated / ${a.unchanged} unchanged`))].join('; ');
	const throttleOk = (free, slow) => (slow / free).toFixed(1);
	const lines = [
		'<!-- bench:lead -->',
		"## Lead: roster import (2,500 households) and team coverage (10,000 households) on the lead's device",
		'',
		`- **Date:** ${r.date}; the whole run took ${r.seconds} s`,
		`- **Command:** \`${COMMAND}\` (builds, then \`node bench/lead.js\`; raw figures in \`bench/out/lead.json\`), revision ${r.revision}`,
		`- **Machine:** ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memGb} GB, shared and noisy; Node ${r.machine.node}; Chromium ${r.machine.chromium} headless (Debian's), Playwright ${r.machine.playwright}, Pixel 5 emulation; the server on loopback (same machine)`,
		`- **Targets:** none are set in the issue; these are the figures to watch. CPU 4× is CDP \`Emulation.setCPUThrottlingRate\` (rate 4) on the measured page.`,
		'',
		'### Roster import, 2,500 households',
		'',
		`Each measured import is a fresh load of \`/lead/import\` and a file set on \`roster-file\`: median of ${IMPORT_REPS} per row (min–max in the notes). The CSV is ${n0(i.sizes.csv)} bytes (UTF-8, the headers of \`tests/fixtures/roster-small.csv\`, ~17% of households with vulnerable tags, some notes with a comma); the .xlsx (${n0(i.sizes.xlsx)} bytes, written with \`write-excel-file\` in Node) holds the same columns.`,
		'',
		'| Step (time in the page, from the file set) | no throttle (ms) | CPU 4× (ms) | notes |',
		'|---|---:|---:|---|',
		row('**CSV: preview counts shown** (read + parse + check in the browser)', i.csv.free.preview, i.csv.slow.preview, `${range(i.csv.free.preview)} / ${range(i.csv.slow.preview)}`),
		row('**CSV: dry-run plan shown** (plus POST /api/roster dryRun)', i.csv.free.dryRun, i.csv.slow.dryRun, `of which counts → plan: ${ms(i.csv.free.dryRunOnly.median)} / ${ms(i.csv.slow.dryRunOnly.median)}`),
		row('**CSV: tap 确认导入 → import-done shown**', i.csv.free.confirm, i.csv.slow.confirm, `${range(i.csv.free.confirm)} / ${range(i.csv.slow.confirm)}`),
		row('↳ tap → the lead device has synced the import (progress gone)', i.csv.free.synced, i.csv.slow.synced, 'for context'),
		row('**.xlsx: preview counts shown**', i.xlsx.free.preview, i.xlsx.slow.preview, `${range(i.xlsx.free.preview)} / ${range(i.xlsx.slow.preview)}`),
		row('**.xlsx: dry-run plan shown**', i.xlsx.free.dryRun, i.xlsx.slow.dryRun, `of which counts → plan: ${ms(i.xlsx.free.dryRunOnly.median)} / ${ms(i.xlsx.slow.dryRunOnly.median)}`),
		'',
		`Preview shown: \`${i.csv.free.runs[0].counts}\`. What was measured: the server starts with the small demo (72 households); a warm-up import (not counted) creates 2,500 households. Every measured file then shifts the 2,500 rows by 1,250 households and changes every phone number, so **each measured import updates 1,250 households and creates 1,250** (server answers: ${plans(i.csv.free.runs.concat(i.csv.slow.runs))}); the team grows by 1,250 a CSV import (to ${n0(i.teamAfter)} households at the end), no throttle and CPU 4× alternating. The .xlsx files are shifted the same way but only previewed and dry-run (not confirmed; the server side of confirming is the CSV's). Throttle check: a fixed JS loop on the import page took ${ms(i.csv.slow.calMs)} vs ${ms(i.csv.free.calMs)} ms (${throttleOk(i.csv.free.calMs, i.csv.slow.calMs)}×).`,
		'',
		'### Team coverage, 10,000 households',
		'',
		`Server with \`DEMO_SIZE=${COVER_SIZE}\` (10,000 households); ${n0(c.pushed.accepted)} visits pushed first through \`POST /api/sync/push\` by ${c.pushed.volunteers} enrolled volunteer devices (500 a batch): ${n0(c.pushed.distinct)} households visited (5% nobody home, 2% refused, 2% not living there, the rest sampled) and ${c.pushed.revisits} of them revisited and sampled after a first "nobody home". The lead enrols through the form; its first sync (enrol tap → ${n0(COVER_HOUSEHOLDS)} households and ${n0(c.pushed.accepted)} events in IndexedDB) took ${ms(c.firstSyncMs)} ms. Result: ${c.expected.replace('户', ' households done')}, ${n0(cf.total.peopleDone)}/${n0(cf.total.people)} people; ${n0(cf.missingHouseholds)} households on ${n0(cf.missingFloors)} floors in the missing list.`,
		'',
		'| Figure | no throttle (ms) | CPU 4× (ms) | notes |',
		'|---|---:|---:|---|',
		row(`**Coverage computation**: fold + \`teamCoverage\` + \`missingByFloor\` over ${n0(cf.households)} households and ${n0(cf.events)} events`, summary(cf.compute), summary(cs.compute), `median of ${COMPUTE_REPS}, ${range(summary(cf.compute))} / ${range(summary(cs.compute))}`),
		row(`**Baseline: raw IndexedDB \`getAll\` of the ${n0(cf.rawRows)} households**`, summary(cf.rawHouseholds), summary(cs.rawHouseholds), `computation / baseline: ${(median(cf.compute) / median(cf.rawHouseholds)).toFixed(2)}× / ${(median(cs.compute) / median(cs.rawHouseholds)).toFixed(2)}×`),
		row("↳ everything the screen reads, raw (households + visit and void events by the type index + rounds, one transaction)", summary(cf.readAll), summary(cs.readAll), 'for context'),
		row('**Offline reload of `/lead`: navigation start → team-total shows the full count, painted**', c.reload.free.painted, c.reload.slow.painted, `median of ${RELOAD_REPS}, ${range(c.reload.free.painted)} / ${range(c.reload.slow.painted)}`),
		row('↳ team-total first in the DOM (before the events are folded it may show fewer done)', c.reload.free.inserted, c.reload.slow.inserted, 'for context'),
		row(`↳ the page's first \`getAll\` of households (${n0(c.reload.free.householdsRead)} rows) ends`, c.reload.free.householdsEnd, c.reload.slow.householdsEnd, `starts at ${ms(c.reload.free.householdsStart.median)} / ${ms(c.reload.slow.householdsStart.median)}`),
		'',
		'### How each figure is taken',
		'',
		`- **Import.** A capture-phase \`change\` listener on \`window\` (installed before the app loads) stamps the file being set (Playwright \`setInputFiles\`); a MutationObserver stamps when \`import-counts\` (the preview, parsed in the browser by the app's lazily loaded reader), \`import-plan\` (after the dry-run round trip) and \`import-done\` first appear; a capture-phase \`click\` listener stamps the tap on \`import-confirm\`. All \`performance.now()\` in the page. The server's answers are read from the \`/api/roster\` responses.`,
		`- **Coverage computation.** \`bench/lead/compute.js\` imports the screen's own modules (\`foldKeepingUnchanged\` from \`src/lib/client/fold-cache.ts\`, \`activeRound\`, \`teamCoverage\`, \`missingByFloor\`) and is bundled at run time with Vite (IIFE, minified, ${n0(c.bundleBytes)} bytes) — the app code is not touched. It runs in a page of the app's origin with no app code (\`/icon-192.png\`, offline), on the data the lead's device holds, read from the app's IndexedDB with raw requests exactly as \`fieldData()\` reads them; a fresh fold cache each time, as on a reload. One warm-up round, then ${COMPUTE_REPS} rounds, each: the bare households \`getAll\` (baseline), the full read, the computation. The computation does not include Svelte rendering; the reload row does.`,
		`- **Offline reload.** The context is offline; the service worker is stopped before each load (CDP \`ServiceWorker.stopAllWorkers\`: ${c.reload.free.swStopped && c.reload.slow.swStopped ? 'done every time' : '**failed for some loads**'}); every navigation was served by the service worker: ${c.reload.free.fromSw && c.reload.slow.fromSw ? 'yes' : '**no, not all**'}. Time from navigation start to the first task after the animation frame that follows \`team-total\` showing \`${c.expected}\` (MutationObserver, commas stripped).`,
		`- **Throttle check.** The fixed JS loop took ${ms(cs.calMs)} vs ${ms(cf.calMs)} ms on the computation page (${throttleOk(cf.calMs, cs.calMs)}×) and a median ${ms(c.reload.slow.calMs)} vs ${ms(c.reload.free.calMs)} ms on the reloaded pages (${throttleOk(c.reload.free.calMs, c.reload.slow.calMs)}×). The machine is shared, so figures are noisy: compare each with its baseline from the same run.`,
		`- **Servers.** \`node scripts/start.js\` from a private copy of \`build/\`, \`HOST=127.0.0.1\`, ports ${r.ports.join(' and ')}, a fresh temporary \`DATA_DIR\` each, SQLite, \`DOORSTEP_QUIET=1\`; the import server with no \`DEMO_SIZE\` (the 72-household demo), the coverage server with \`DEMO_SIZE=${COVER_SIZE}\`.`,
		'<!-- /bench:lead -->'
	];
	return lines.join('\n');
}

// ---------- main ----------

async function main() {
	if (!existsSync(join(ROOT, 'build', 'index.js'))) throw new Error('no build: run `npm run build` first (npm run bench:lead does)');
	const started = Date.now();
	const rev = revision();
	snapshotBuild(SNAPSHOT);
	const work = mkdtempSync(join(os.tmpdir(), 'doorstep-bench-lead-'));
	const servers = [];
	let browser;
	const cleanup = async () => {
		await browser?.close().catch(() => {});
		for (const s of servers) await stopServer(s);
		rmSync(work, { recursive: true, force: true });
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
		browser = await launchChromium();
		const ports = [];

		const importPort = await pickPort(portsFrom(Number(process.env.BENCH_PORT ?? 4710)));
		ports.push(importPort);
		mkdirSync(join(work, 'import-data'));
		const importServer = startServer(SNAPSHOT, importPort, join(work, 'import-data'), null);
		servers.push(importServer);
		await waitForServer(`http://127.0.0.1:${importPort}/`, importServer, 120_000);
		log(`import: server on ${importPort}`);
		const imp = await importPhase(browser, `http://127.0.0.1:${importPort}`, work);
		await stopServer(importServer);

		const coverPort = await pickPort(portsFrom(importPort + 1));
		ports.push(coverPort);
		mkdirSync(join(work, 'cover-data'));
		const coverServer = startServer(SNAPSHOT, coverPort, join(work, 'cover-data'), COVER_SIZE);
		servers.push(coverServer);
		await waitForServer(`http://127.0.0.1:${coverPort}/`, coverServer, 120_000);
		log(`coverage: server on ${coverPort} with DEMO_SIZE=${COVER_SIZE}`);
		const coverage = await coveragePhase(browser, `http://127.0.0.1:${coverPort}`);

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
			ports,
			revision: rev,
			import: imp,
			coverage,
			seconds: Math.round((Date.now() - started) / 1000)
		};
		mkdirSync(OUT_DIR, { recursive: true });
		writeFileSync(join(OUT_DIR, 'lead.json'), JSON.stringify(results, null, '\t'));
		const section = render(results);
		writeDoc('lead', section);
		console.log(section);
		log(`done in ${results.seconds} s; wrote docs/benchmarks.md and bench/out/lead.json`);
	} finally {
		clearTimeout(guard);
		await cleanup();
	}
}

main().catch((err) => {
	console.error(err);
	process.exitCode = 1;
});
