// Needs desk benchmark: the lead's board with 2,000 open and 20,000 closed requests on the
// lead's device — time to first paint of /lead/needs offline (from the service worker and
// IndexedDB) at CPU 1× and 4×, against a raw IndexedDB read of the same rows in the same run.
// Run with `npm run bench:needs` (it builds first). Like bench:lead, it serves a private copy
// of build/ on its own loopback port and temporary DATA_DIR; no figure changes the exit code.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { devices } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import { enrolLead, unlock } from '../../tests/support/flows.js';
import {
	calibrate,
	coldLoads,
	DOC,
	idbCount,
	intFromEnv,
	launchChromium,
	machine,
	machineLine,
	median,
	ms,
	OUT_DIR,
	pickPorts,
	summary,
	throttle,
	until,
	writeDoc
} from '../lib/harness.js';
import { runBench } from '../lib/run.js';

const COMMAND = 'npm run bench:needs';
const SNAPSHOT = join(OUT_DIR, `needs-snapshot-${process.pid}`);
const OPEN = intFromEnv('BENCH_NEEDS_OPEN', 2000);
const CLOSED = intFromEnv('BENCH_NEEDS_CLOSED', 20_000);
const RELOAD_REPS = intFromEnv('BENCH_RELOAD_REPS', 5);
const RAW_REPS = intFromEnv('BENCH_RAW_REPS', 5);
const THROTTLE = 4;
const HANG_LIMIT_MS = intFromEnv('BENCH_HANG_LIMIT_MS', 20 * 60_000);
const PORTS = { from: Number(process.env.BENCH_PORT ?? 4760), to: 4800 };
const TYPES = ['need_created', 'need_dispatched', 'need_claimed', 'need_on_the_way', 'need_done', 'need_cancelled'];
const KINDS = ['medicine', 'shopping', 'infant', 'escort', 'repair', 'other', 'special_medicine', 'counselling'];

/** @type {(...a: unknown[]) => void} */
let log = () => {};

/** @param {number} x */
const n0 = (x) => x.toLocaleString('en-US');

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

/**
 * The requests, pushed as the devices would: a lead's device takes and dispatches every one to
 * the volunteer, who completes the closed ones. Asked over the last ten days (the open ones in
 * the last hours, some past their promised time).
 * @param {string} baseURL
 * @param {{ volunteerCode: string, leadCode: string }} codes
 */
async function seed(baseURL, codes) {
	const lead = await api(baseURL, 'POST', '/api/enrol', { code: codes.leadCode, volunteer: '需求基准组长' });
	const vol = await api(baseURL, 'POST', '/api/enrol', { code: codes.volunteerCode, volunteer: '需求基准志愿' });
	const page = await api(baseURL, 'GET', '/api/sync/pull?cursor=0', null, lead.token);
	const households = page.households;
	const now = Date.now();
	/** @type {any[]} */
	const byLead = [];
	/** @type {any[]} */
	const byVol = [];
	/**
	 * @param {any} who
	 * @param {string} type
	 * @param {{ needId: string, householdId: string }} ref
	 * @param {Record<string, unknown>} fields
	 * @param {number} at
	 */
	const ev = (who, type, ref, fields, at) => ({
		id: uuidv7(),
		v: 1,
		type,
		deviceId: who.deviceId,
		volunteer: who.volunteer,
		at: new Date(at).toISOString(),
		...ref,
		...fields
	});
	const total = OPEN + CLOSED;
	for (let i = 0; i < total; i++) {
		const h = households[(i * 7) % households.length];
		const open = i < OPEN;
		const asked = open ? now - (i % 240) * 60_000 : now - 3_600_000 - (i % 14_400) * 60_000;
		const kind = KINDS[i % KINDS.length];
		const ref = { needId: uuidv7(), householdId: h.id };
		byLead.push(
			ev(
				{ ...lead, volunteer: '需求基准组长' },
				'need_created',
				ref,
				{
					kind,
					items: ['大米 5kg', '降压药'].slice(0, 1 + (i % 2)),
					urgency:
						kind === 'medicine' || kind === 'special_medicine' ? 'medicine' : kind === 'infant' ? 'infant' : 'normal',
					channel: 'phone',
					askedAt: new Date(asked).toISOString(),
					place: { building: h.building, unit: h.unit, room: h.room },
					note: ''
				},
				asked
			),
			ev(
				{ ...lead, volunteer: '需求基准组长' },
				'need_dispatched',
				ref,
				{ to: { deviceId: vol.deviceId, name: '需求基准志愿' } },
				asked + 60_000
			)
		);
		if (!open)
			byVol.push(
				ev(
					{ ...vol, volunteer: '需求基准志愿' },
					'need_done',
					ref,
					{ items: [], collectedFen: 100 * (i % 50), feedback: 'good', note: '' },
					asked + 1_800_000
				)
			);
	}
	let accepted = 0;
	for (const [who, events] of /** @type {[any, any[]][]} */ ([
		[lead, byLead],
		[vol, byVol]
	])) {
		for (let i = 0; i < events.length; i += 500) {
			const batch = events.slice(i, i + 500);
			const { results } = await api(
				baseURL,
				'POST',
				'/api/sync/push',
				{ events: batch, pending: events.length - i },
				who.token
			);
			const bad = results.find((/** @type {any} */ r) => r.status !== 'accepted');
			if (bad) throw new Error(`push refused: ${JSON.stringify(bad)}`);
			accepted += batch.length;
		}
	}
	return { accepted, households: households.length };
}

/** Before any page script: when the board's first request card shows, and when it shows OPEN open ones. */
/** @param {number} open */
function boardProbe(open) {
	/** @type {any} */
	const out = (window.__board = {});
	const check = () => {
		if (out.inserted === undefined && document.querySelector('[data-testid^="need-"]'))
			out.inserted = performance.now();
		const h1 = document.querySelector('h1');
		const count = Number(/(\d[\d,]*)\s*$/.exec(h1?.textContent?.trim() ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
		if (out.final !== undefined || !(count >= open)) return;
		out.final = performance.now();
		out.count = count;
		mo.disconnect();
		requestAnimationFrame(() => {
			const ch = new MessageChannel();
			ch.port1.onmessage = () => (out.painted = performance.now());
			ch.port2.postMessage(0);
		});
	};
	const mo = new MutationObserver(check);
	mo.observe(document, { childList: true, subtree: true, characterData: true });
}

/**
 * In the page: the same rows read with raw IndexedDB (every need event through the type index,
 * and the households), timed; the first round is a warm-up.
 * @param {[number, string[]]} args
 */
function rawRead([reps, types]) {
	const req = (/** @type {IDBRequest} */ r) =>
		new Promise((res, rej) => ((r.onsuccess = () => res(r.result)), (r.onerror = () => rej(r.error))));
	return req(indexedDB.open('doorstep')).then(async (/** @type {any} */ db) => {
		/** @type {number[]} */
		const times = [];
		let rows = 0;
		for (let k = 0; k <= reps; k++) {
			const t0 = performance.now();
			const tx = db.transaction(['events', 'households']);
			const ev = tx.objectStore('events').index('type');
			const lists = await Promise.all([
				...types.map((t) => req(ev.getAll(t))),
				req(tx.objectStore('households').getAll())
			]);
			const dt = performance.now() - t0;
			rows = lists.reduce((n, l) => n + /** @type {any[]} */ (l).length, 0);
			if (k > 0) times.push(dt);
		}
		db.close();
		return { times, rows };
	});
}

/**
 * @param {import('@playwright/test').BrowserContext} context
 * @param {number} rate
 */
const reload = async (context, rate) => {
	const loads = await coldLoads(context, {
		path: '/lead/needs',
		rate,
		reps: RELOAD_REPS,
		probe: boardProbe,
		probeArg: OPEN,
		// A reload always opens locked: the PIN is entered as soon as the lock screen shows, and
		// the board is timed from navigation start and from the moment the PIN went in.
		measure: async (page) => {
			await page.getByTestId('lock-screen').waitFor({ timeout: 300_000 });
			const locked = await page.evaluate(() => performance.now());
			await unlock(page);
			const unlocked = await page.evaluate(() => performance.now());
			const b = await until(
				'board painted',
				() =>
					page.evaluate(() => {
						const b = window.__board;
						return b.painted !== undefined ? b : null;
					}),
				300_000
			);
			return { ...b, locked, unlocked, afterUnlock: b.painted - unlocked };
		}
	});
	for (const r of loads.runs)
		log(`board at CPU ${rate}×: first card ${ms(r.inserted)} ms, painted ${ms(r.painted)} ms`);
	return {
		...loads,
		inserted: summary(loads.runs.map((r) => r.inserted)),
		final: summary(loads.runs.map((r) => r.final)),
		painted: summary(loads.runs.map((r) => r.painted)),
		locked: summary(loads.runs.map((r) => r.locked)),
		afterUnlock: summary(loads.runs.map((r) => r.afterUnlock))
	};
};

await runBench('needs', { hangLimitMs: HANG_LIMIT_MS }, async (run) => {
	log = run.log;
	run.snapshot(SNAPSHOT);
	const work = run.tmpDir('doorstep-bench-needs-');
	const browser = await launchChromium();
	run.cleanup(() => browser.close());
	const [port] = await pickPorts(1, PORTS.from, PORTS.to);
	mkdirSync(join(work, 'data'));
	const server = await run.server({ snapshot: SNAPSHOT, port, dataDir: join(work, 'data') });
	const baseURL = `http://127.0.0.1:${port}`;
	const seeded = await seed(baseURL, server.codes);
	run.log(`pushed ${n0(seeded.accepted)} need events (${n0(OPEN)} open, ${n0(CLOSED)} closed requests)`);

	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { defaultBrowserType: _d, ...pixel } = devices['Pixel 5'];
	const context = await browser.newContext({ ...pixel, baseURL, locale: 'zh-CN' });
	context.setDefaultTimeout(120_000);
	const page = await context.newPage();
	const t0 = await enrolLead(page, '需求看板组长', { code: server.codes.leadCode, timeout: 120_000 });
	await until(
		'the lead device holds every need event',
		async () => (await idbCount(page, 'events')) >= seeded.accepted,
		600_000
	);
	const firstSyncMs = Date.now() - t0;
	await page.waitForLoadState('networkidle').catch(() => {});
	run.log(`lead device synced in ${ms(firstSyncMs)} ms`);
	await context.setOffline(true);
	const quiet = await context.newPage();
	await quiet.goto('/icon-192.png');
	/** @type {Record<number, any>} */
	const raw = {};
	for (const rate of [1, THROTTLE]) {
		const cdp = await throttle(context, quiet, rate);
		const cal = await calibrate(quiet);
		raw[rate] = {
			...(await quiet.evaluate(rawRead, /** @type {[number, string[]]} */ ([RAW_REPS, TYPES]))),
			calMs: cal.ms
		};
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
		await cdp.detach();
		run.log(`raw IndexedDB read at CPU ${rate}×: ${ms(median(raw[rate].times))} ms for ${n0(raw[rate].rows)} rows`);
	}
	await quiet.close();
	await page.close();
	const board = { free: await reload(context, 1), slow: await reload(context, THROTTLE) };
	run.log(`board at CPU ${THROTTLE}×: painted ${ms(board.slow.painted.median)} ms`);
	await context.close();

	const r = {
		date: new Date()
			.toISOString()
			.replace('T', ' ')
			.replace(/\.\d+Z$/, ' UTC'),
		machine: { ...machine(), chromium: browser.version() },
		revision: run.revision,
		seeded,
		firstSyncMs,
		raw,
		board,
		seconds: Math.round((Date.now() - run.started) / 1000)
	};
	writeFileSync(join(OUT_DIR, 'needs.json'), JSON.stringify(r, null, '\t'));
	const row = (/** @type {string} */ label, /** @type {any} */ free, /** @type {any} */ slow) =>
		`| ${label} | ${ms(free)} | ${ms(slow)} |`;
	const section = [
		'<!-- bench:needs -->',
		`## Needs desk: the lead's board with ${n0(OPEN)} open and ${n0(CLOSED)} closed requests, offline`,
		'',
		`- **Date:** ${r.date}; the whole run took ${r.seconds} s`,
		`- **Command:** \`${COMMAND}\` (builds, then \`node bench/needs\`; raw figures in \`bench/out/needs.json\`), revision ${r.revision}`,
		`- **Machine:** ${machineLine(r.machine)}; Chromium ${r.machine.chromium} headless, Pixel 5 emulation. The machine was **shared** with other sessions' builds and tests while this ran: compare figures within the run, not across runs.`,
		`- **Data:** ${n0(seeded.accepted)} need events (created + dispatched for every request, done for the closed ones) over the demo's ${seeded.households} households, synced to the lead's device (first sync ${ms(firstSyncMs)} ms), then the device taken offline.`,
		`- **Board:** \`/lead/needs\` reloaded cold ${RELOAD_REPS}× per rate, served by the service worker; times from navigation start: first request card in the DOM, the heading showing all ${n0(OPEN)} open, and the next frame after it (painted). Each load ran at the rate asked (calibration loop ${ms(board.free.calMs)} / ${ms(board.slow.calMs)} ms), from the service worker: ${board.free.fromSw && board.slow.fromSw}.`,
		`- **Baseline:** a raw IndexedDB read (getAll through the type index of every need event type, and all households: ${n0(raw[1].rows)} rows) in a quiet page of the same origin, median of ${RAW_REPS}.`,
		'',
		'| Median (ms) | CPU 1× | CPU 4× |',
		'|---|---|---|',
		row('raw IndexedDB read of the same rows', median(raw[1].times), median(raw[THROTTLE].times)),
		row('board: first request card', board.free.inserted.median, board.slow.inserted.median),
		row(`board: all ${n0(OPEN)} open shown`, board.free.final.median, board.slow.final.median),
		row('board: lock screen shown (a reload always opens locked)', board.free.locked.median, board.slow.locked.median),
		row(
			'board: painted, from navigation (includes typing the PIN)',
			board.free.painted.median,
			board.slow.painted.median
		),
		row(
			'board: painted, from the PIN entered (time to first paint of the board)',
			board.free.afterUnlock.median,
			board.slow.afterUnlock.median
		),
		'',
		`Board painted after the PIN at CPU 4×: ${ms(board.slow.afterUnlock.min)}–${ms(board.slow.afterUnlock.max)} ms over ${RELOAD_REPS} loads; ${(board.slow.afterUnlock.median / median(raw[THROTTLE].times)).toFixed(1)}× the raw read. The first request card and the full count are the same paint (the board renders once every request is folded).`,
		'<!-- /bench:needs -->'
	].join('\n');
	writeDoc('needs', section);
	console.log(section);
	run.log(`done in ${r.seconds} s; wrote ${DOC} and bench/out/needs.json`);
});
