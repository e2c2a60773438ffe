// Lead benchmark: importing a 2,500-household roster on the lead's device (CSV and .xlsx,
// parsed in the browser, then the server's dry run and the import), and the team coverage the
// /lead screen computes for 10,000 households with 6,000 visits, against a raw IndexedDB read
// of those households. Run with `npm run bench:lead` (it builds first).
//
// Like bench:field, it serves a private copy of build/ with `node scripts/start.js` on its
// own loopback port (4700–4799) and a temporary DATA_DIR, drives Debian's Chromium through the
// real UI, writes its section of docs/benchmarks.md and prints it. No figure changes the exit
// code; only a crash or a hang (the overall limit) exits non-zero.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { devices } from '@playwright/test';
import { build } from 'vite';
import writeExcelFile from 'write-excel-file/node';
import { uuidv7 } from 'uuidv7';
import { enrolLead, TEST_PIN } from '../../tests/support/flows.js';
import { clockOffsetMs, profileWindow } from '../lib/cpu-profile.js';
import {
	calibrate,
	coldLoads,
	DOC,
	idbCount,
	launchChromium,
	machine,
	median,
	ms,
	OUT_DIR,
	pickPorts,
	summary,
	ROOT,
	stopServer,
	throttle,
	until,
	writeDoc,
	pullPath
} from '../lib/harness.js';
import { runBench } from '../lib/run.js';
import {
	COVER_HOUSEHOLDS,
	COVER_SIZE,
	COMPUTE_REPS,
	CPU_PROF,
	HANG_LIMIT_MS,
	IMPORT_REPS,
	PORTS,
	RELOAD_REPS,
	REVISITS,
	ROSTER,
	SNAPSHOT,
	THROTTLE,
	VISITS,
	VOLUNTEERS
} from './config.js';
import { computeInPage, importProbe, totalProbe } from './probes.js';
import { render } from './report.js';

const TAGS = ['独居老人', '空巢老人', '行动不便', '残疾人', '孕妇', '婴幼儿', '慢性病', '居家隔离', '医护家庭'];

/** @type {(...a: unknown[]) => void} */
let log = () => {};

/** @param {number} x */
const n0 = (x) => x.toLocaleString('en-US');

const device = () => {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { defaultBrowserType: _d, ...pixel } = devices['Pixel 5'];
	return pixel;
};

// ---------- part 1: roster import ----------

const SURNAMES =
	'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志海云春荣凤梅琴斌';

/**
 * The roster households with global numbers [offset, offset + ROSTER): building 10 onwards (the
 * small demo holds buildings 1–3), 2 units × 18 floors × 4 rooms a building. `variant` changes
 * the phone numbers, so a household already imported by an earlier file counts as updated.
 */
/**
 * @param {number} offset
 * @param {number} variant
 * @returns {Row[]}
 */
function rosterRows(offset, variant) {
	const rows = [];
	for (let j = offset; j < offset + ROSTER; j++) {
		const b = 10 + Math.floor(j / 144);
		const u = 1 + Math.floor((j % 144) / 72);
		const floor = 1 + Math.floor((j % 72) / 4);
		const room = `${floor}0${1 + (j % 4)}`;
		const head =
			SURNAMES[(j * 7) % SURNAMES.length] +
			GIVEN[(j * 13) % GIVEN.length] +
			(j % 3 ? GIVEN[(j * 31) % GIVEN.length] : '');
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
/**
 * A roster row as the import screen reads it.
 * @typedef {{ building: string, unit: string, floor: number, room: string, head: string, phone: string, residents: number, tags: string, note: string }} Row
 */

const cells = (/** @type {Row} */ r) => [
	r.building,
	r.unit,
	r.floor,
	r.room,
	r.head,
	r.phone,
	r.residents,
	r.tags,
	r.note
];
const csvCell = (/** @type {string | number} */ v) =>
	/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v);
const toCsv = (/** @type {Row[]} */ rows) =>
	[HEADERS.join(','), ...rows.map((r) => cells(r).map(csvCell).join(','))].join('\n') + '\n';

/** @param {Row[]} rows */
async function toXlsx(rows) {
	const str = (/** @type {string} */ v) => ({ value: String(v), type: String });
	const data = [
		HEADERS.map((h) => ({ value: h, fontWeight: 'bold' })),
		...rows.map((r) => [
			str(r.building),
			str(r.unit),
			r.floor,
			str(r.room),
			str(r.head),
			str(r.phone),
			r.residents,
			str(r.tags),
			str(r.note)
		])
	];
	return writeExcelFile(/** @type {any} */ (data)).toBuffer();
}

/**
 * @param {import('@playwright/test').BrowserContext} context
 * @param {string} file
 * @param {number} rate
 * @param {boolean} confirm
 */
async function importOnce(context, file, rate, confirm) {
	const page = await context.newPage();
	await page.addInitScript(importProbe);
	/** @type {Promise<any>[]} */
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

/**
 * @param {import('@playwright/test').Browser} browser
 * @param {string} baseURL
 * @param {string} workDir
 */
async function importPhase(browser, baseURL, workDir) {
	const context = await browser.newContext({ ...device(), baseURL, locale: 'zh-CN' });
	context.setDefaultTimeout(60_000);
	const setup = await context.newPage();
	await enrolLead(setup, '导入基准队长', { code: codes.leadCode, timeout: 120_000 });
	await setup.close();

	let step = 0;
	const fileFor = async (/** @type {'csv' | 'xlsx'} */ kind) => {
		const rows = rosterRows(step * (ROSTER / 2), step);
		const path = join(workDir, `roster-${step}.${kind}`);
		writeFileSync(path, kind === 'csv' ? toCsv(rows) : await toXlsx(rows));
		step++;
		return path;
	};
	log('import warm-up: 2,500 new households (CSV, not counted)');
	const warm = await importOnce(context, await fileFor('csv'), 1, true);
	/** @type {Record<number, any[]>} */
	const csv = { 1: [], [THROTTLE]: [] };
	/** @type {Record<number, any[]>} */
	const xlsx = { 1: [], [THROTTLE]: [] };
	for (let k = 0; k < IMPORT_REPS; k++) {
		for (const rate of [1, THROTTLE]) {
			const r = await importOnce(context, await fileFor('csv'), rate, true);
			csv[rate].push(r);
			log(
				`CSV import ${k + 1}/${IMPORT_REPS} at CPU ${rate}×: preview ${ms(r.preview)} ms, plan ${ms(r.dryRun)} ms, confirm ${ms(r.confirm)} ms`
			);
		}
	}
	/** @type {{ csv: number, xlsx?: number }} */
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
	const sum = (/** @type {any[]} */ runs) => ({
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

/**
 * @param {string} baseURL
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {string} [token]
 * @returns {Promise<any>}
 */
async function api(baseURL, method, path, body, token) {
	const res = await fetch(baseURL + path, {
		method,
		headers: {
			...(body ? { 'content-type': 'application/json' } : {}),
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: body ? JSON.stringify(body) : undefined,
		signal: AbortSignal.timeout(120_000)
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
	return JSON.parse(text);
}

/** The demo's codes on the server of the phase running (drawn at random when its store was made). */
let codes = { volunteerCode: '', leadCode: '' };

/** 6,000 visits by 8 volunteers over the shift, pushed as their devices would (500 a batch). */
/** @param {string} baseURL */
async function pushVisits(baseURL) {
	/** @type {any[]} */
	const vols = [];
	for (let v = 0; v < VOLUNTEERS; v++)
		vols.push(await api(baseURL, 'POST', '/api/enrol', { code: codes.volunteerCode, volunteer: `基准志愿${v + 1}` }));
	/** @type {any[]} */
	const households = [];
	let roundId = null;
	let cursor = 0;
	let scope = 0;
	for (let guard = 0; guard < 1000; guard++) {
		const page = await api(baseURL, 'GET', pullPath(cursor, scope), null, vols[0].token);
		households.push(...page.households);
		for (const r of page.rounds) if (r.active) roundId = r.id;
		cursor = page.cursor;
		scope = page.scope;
		if (!page.more) break;
	}
	if (households.length !== COVER_HOUSEHOLDS || !roundId)
		throw new Error(`pulled ${households.length} households, round ${roundId}`);
	// A fixed permutation of the households (stride coprime with 10,000).
	const order = households.map((_, i) => households[(i * 7919) % households.length]);
	const distinct = VISITS - REVISITS;
	const shift = Date.parse('2026-11-23T01:00:00.000Z');
	/** @type {any[][]} */
	const perVol = vols.map(() => []);
	let made = 0;
	/**
	 * @param {any} h
	 * @param {string} outcome
	 * @param {number} when
	 */
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
	const outcomes = (/** @type {number} */ i) =>
		i % 20 === 7 ? 'nobody_home' : i % 50 === 11 ? 'refused' : i % 50 === 23 ? 'not_living' : 'sampled';
	for (let i = 0; i < distinct; i++) visit(order[i], i < REVISITS ? 'nobody_home' : outcomes(i), i);
	for (let i = 0; i < REVISITS; i++) visit(order[i], 'sampled', distinct + i);
	let accepted = 0;
	for (const [v, events] of perVol.entries()) {
		for (let i = 0; i < events.length; i += 500) {
			const batch = events.slice(i, i + 500);
			const { results } = await api(
				baseURL,
				'POST',
				'/api/sync/push',
				{ events: batch, pending: events.length - i },
				vols[v].token
			);
			const ok = results.filter((/** @type {any} */ r) => r.status === 'accepted').length;
			if (ok !== batch.length)
				throw new Error(
					`push: ${ok} of ${batch.length} accepted: ${JSON.stringify(results.find((/** @type {any} */ r) => r.status !== 'accepted'))}`
				);
			accepted += ok;
		}
	}
	return { accepted, volunteers: VOLUNTEERS, distinct, revisits: REVISITS };
}

/**
 * @param {import('@playwright/test').BrowserContext} context
 * @param {number} rate
 * @param {string} expected  the total the screen must show
 */
async function leadReload(context, rate, expected) {
	const loads = await coldLoads(context, {
		path: '/lead',
		rate,
		reps: RELOAD_REPS,
		probe: totalProbe,
		probeArg: expected,
		profile: CPU_PROF,
		async measure(page) {
			// A reload opens locked (issue 9): the trial click lets the shared flow's lock handler
			// (set at enrolment for every page of this context) type the PIN and tap unlock.
			await page.getByTestId('team-total').click({ trial: true, timeout: 120_000 });
			return until(
				'team total painted',
				() => page.evaluate(() => (window.__total.livePainted !== undefined ? window.__total : null)),
				120_000
			);
		}
	});
	const runs = loads.runs;
	const profiled = runs.find((r) => r.profile);
	if (profiled) {
		const file = join(OUT_DIR, `lead-reload-${rate}x.cpuprofile`);
		const span = {
			from: profiled.origin + profiled.unlockAt,
			to: profiled.origin + profiled.painted,
			clockOffsetMs: clockOffsetMs()
		};
		// The timed span rides along in the file (DevTools ignores it), for a closer look later.
		writeFileSync(file, JSON.stringify({ ...profiled.profile, benchSpan: span }));
		const w = profileWindow(profiled.profile, { ...span, top: 25 });
		const line = (/** @type {{ name: string, ms: number }} */ x) => `  ${ms(x.ms).padStart(8)} ms  ${x.name}`;
		log(
			[
				`CPU ${rate}×, unlock tap → total painted: ${ms(w.spanMs)} ms, ${ms(w.busyMs)} busy, ${ms(w.idleMs)} idle (${file})`,
				'by file:',
				...w.files.map(line),
				'by function (self time):',
				...w.functions.map(line)
			].join('\n')
		);
		// The part before the tap too: navigation start → lock screen painted.
		if (profiled.lockPainted !== undefined) {
			const lock = profileWindow(profiled.profile, {
				from: profiled.origin,
				to: profiled.origin + profiled.lockPainted,
				clockOffsetMs: span.clockOffsetMs,
				top: 25
			});
			log(
				[
					`CPU ${rate}×, navigation start → lock screen painted: ${ms(lock.spanMs)} ms, ${ms(lock.busyMs)} busy, ${ms(lock.idleMs)} idle`,
					'by file:',
					...lock.files.map(line),
					'by function (self time):',
					...lock.functions.map(line)
				].join('\n')
			);
		}
		delete profiled.profile;
	}
	return {
		...loads,
		inserted: summary(runs.map((r) => r.inserted)),
		final: summary(runs.map((r) => r.final)),
		painted: summary(runs.map((r) => r.painted)),
		lockPainted: summary(runs.map((r) => r.lockPainted)),
		afterUnlock: summary(runs.map((r) => r.painted - r.unlockAt)),
		// Issue 13: unlock tap → the count computed from the rows on the device, painted (the same as
		// afterUnlock when no snapshot of the last open is drawn first).
		liveAfterUnlock: summary(runs.map((r) => r.livePainted - r.unlockAt)),
		// The screen's own time, without the PIN being typed: to the lock screen, then from the tap.
		appTime: summary(runs.map((r) => r.lockPainted + r.painted - r.unlockAt))
	};
}

async function bundleComputation() {
	const out = await build({
		configFile: false,
		logLevel: 'silent',
		root: ROOT,
		resolve: { alias: { $lib: join(ROOT, 'src', 'lib') } },
		// The shipped build's value: the sealing middleware in place (vite.config.ts).
		define: { __DOORSTEP_BENCH_CLEAR__: 'false' },
		build: {
			write: false,
			minify: true,
			lib: { entry: join(ROOT, 'bench', 'lead', 'compute.js'), formats: ['iife'], name: 'LeadBench' }
		}
	});
	const code = /** @type {import('vite').Rollup.RollupOutput} */ (Array.isArray(out) ? out[0] : out).output[0].code;
	return code;
}

/**
 * @param {import('@playwright/test').Browser} browser
 * @param {string} baseURL
 */
async function coveragePhase(browser, baseURL) {
	const pushed = await pushVisits(baseURL);
	log(`pushed ${n0(pushed.accepted)} visits from ${pushed.volunteers} volunteer devices`);
	const context = await browser.newContext({ ...device(), baseURL, locale: 'zh-CN' });
	context.setDefaultTimeout(60_000);
	const page = await context.newPage();
	const t0 = await enrolLead(page, '覆盖基准队长', { code: codes.leadCode, timeout: 120_000 });
	await until(
		'the lead device holds every household and visit',
		async () => {
			const [h, e] = [await idbCount(page, 'households'), await idbCount(page, 'events')];
			return h >= COVER_HOUSEHOLDS && e >= pushed.accepted;
		},
		120_000
	);
	const firstSyncMs = Date.now() - t0;
	await page.waitForLoadState('networkidle').catch(() => {});
	const sw = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state ?? null);
	log(
		`lead device synced ${n0(COVER_HOUSEHOLDS)} households in ${ms(firstSyncMs)} ms (enrol tap → all in IndexedDB); service worker ${sw}`
	);

	const code = await bundleComputation();
	await context.setOffline(true);
	await page.close();
	// A quiet page of the same origin (no app code running beside the measurement).
	const quiet = await context.newPage();
	await quiet.goto('/icon-192.png');
	await quiet.evaluate(`${code}\nwindow.LeadBench = LeadBench;`);
	/** @type {Record<number, any>} */
	const compute = {};
	for (const rate of [1, THROTTLE]) {
		const cdp = await throttle(context, quiet, rate);
		const cal = await calibrate(quiet);
		compute[rate] = {
			...(await quiet.evaluate(computeInPage, /** @type {[number, string]} */ ([COMPUTE_REPS, TEST_PIN]))),
			calMs: cal.ms
		};
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
		await cdp.detach();
		log(
			`computation at CPU ${rate}×: ${ms(median(compute[rate].compute))} ms; raw households getAll ${ms(median(compute[rate].rawHouseholds))} ms`
		);
	}
	await quiet.close();
	const total = compute[1].total;
	const expected = `${total.householdsDone}/${total.households}户`;
	log(`offline /lead reloads until the total shows ${expected}`);
	const reload = { free: await leadReload(context, 1, expected), slow: await leadReload(context, THROTTLE, expected) };
	await context.close();
	return { pushed, firstSyncMs, sw, compute, reload, expected, bundleBytes: code.length };
}

// ---------- main ----------

await runBench('lead', { hangLimitMs: HANG_LIMIT_MS }, async (run) => {
	log = run.log;
	run.snapshot(SNAPSHOT);
	const work = run.tmpDir('doorstep-bench-lead-');
	const browser = await launchChromium();
	run.cleanup(() => browser.close());
	const ports = [];

	const [importPort] = await pickPorts(1, PORTS.from, PORTS.to);
	ports.push(importPort);
	mkdirSync(join(work, 'import-data'));
	const importServer = await run.server({ snapshot: SNAPSHOT, port: importPort, dataDir: join(work, 'import-data') });
	codes = importServer.codes;
	log(`import: server on ${importPort}`);
	const imp = await importPhase(browser, `http://127.0.0.1:${importPort}`, work);
	await stopServer(importServer);

	const [coverPort] = await pickPorts(1, importPort + 1, PORTS.to);
	ports.push(coverPort);
	mkdirSync(join(work, 'cover-data'));
	codes = (
		await run.server({ snapshot: SNAPSHOT, port: coverPort, dataDir: join(work, 'cover-data'), demoSize: COVER_SIZE })
	).codes;
	log(`coverage: server on ${coverPort} with DEMO_SIZE=${COVER_SIZE}`);
	const coverage = await coveragePhase(browser, `http://127.0.0.1:${coverPort}`);

	const results = {
		date: new Date()
			.toISOString()
			.replace('T', ' ')
			.replace(/\.\d+Z$/, ' UTC'),
		machine: { ...machine(), chromium: browser.version() },
		ports,
		revision: run.revision,
		import: imp,
		coverage,
		seconds: Math.round((Date.now() - run.started) / 1000)
	};
	writeFileSync(join(OUT_DIR, CPU_PROF ? 'lead-profile.json' : 'lead.json'), JSON.stringify(results, null, '\t'));
	const section = render(results);
	// A profiled run's times carry the profiler's cost: they are not the doc's figures.
	if (!CPU_PROF) writeDoc('lead', section);
	console.log(section);
	log(
		CPU_PROF
			? `done in ${results.seconds} s; wrote bench/out/lead-profile.json (the doc is left as it was)`
			: `done in ${results.seconds} s; wrote ${DOC} and bench/out/lead.json`
	);
});
