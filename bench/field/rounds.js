// Issue 12: the field figures with three active rounds on the device (sampling, distribution,
// survey) next to one (sampling only), in the same run of `npm run bench:field`. index.js calls
// `threeRounds` once its own figures are taken; this phase writes its own section of
// docs/benchmarks.md (bench:field-rounds). `BENCH_ROUNDS=0` skips it.
//
// A third server (same build, same demo) gets a distribution round and a three-question survey
// from its lead, and every household of the visited units a distribution and a survey record
// from another volunteer, before a third device enrols: that device then holds three active
// rounds and their records. The visits (sampling's "all sampled", the same probe as index.js)
// run in blocks alternating with the one-round device index.js used (sealed), on households
// neither has visited; the offline grid cold loads alternate the same way.

import { randomUUID } from 'node:crypto';
import { intFromEnv, ms, writeDoc } from '../lib/harness.js';
import { COMMAND } from './config.js';
import { idbProbe } from './probes.js';

export const ROUNDS_ON = intFromEnv('BENCH_ROUNDS', 1) !== 0;
const ROUNDS_VISITS = intFromEnv('BENCH_ROUNDS_VISITS', 100);
const ROUNDS_BLOCKS = 2;
const DISTRIBUTION = { item: '物资包', quantity: { rule: 'per_resident', per: 1 } };
const SURVEY = {
	fields: [
		{ id: 'back', label: '返乡人员?', type: 'yes_no', required: true },
		{ id: 'from', label: '来自何地', type: 'choice', options: ['省内', '省外'], required: false },
		{ id: 'days', label: '到达天数', type: 'number', min: 0, max: 60, required: false }
	]
};

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
 * The rounds and their records, made through the API as a lead and a volunteer would.
 * @param {string} baseURL
 * @param {{ volunteerCode: string, leadCode: string }} codes
 * @param {string[]} householdIds  those that get a record of each new round
 */
async function seedRounds(baseURL, codes, householdIds) {
	const lead = await api(baseURL, 'POST', '/api/enrol', { code: codes.leadCode, volunteer: '基准队长' });
	const date = new Date().toISOString().slice(0, 10);
	const dist = await api(
		baseURL,
		'POST',
		'/api/lead/rounds',
		{ date, kind: 'distribution', definition: DISTRIBUTION },
		lead.token
	);
	const survey = await api(
		baseURL,
		'POST',
		'/api/lead/rounds',
		{ date, kind: 'survey', definition: SURVEY },
		lead.token
	);
	const other = await api(baseURL, 'POST', '/api/enrol', { code: codes.volunteerCode, volunteer: '基准志愿乙' });
	const base = () => ({
		id: randomUUID(),
		v: 1,
		deviceId: other.deviceId,
		volunteer: '基准志愿乙',
		at: new Date().toISOString(),
		note: '',
		replaces: []
	});
	const events = householdIds.flatMap((householdId) => [
		{ ...base(), type: 'distribution', householdId, roundId: dist.round.id, outcome: 'delivered', quantity: 2 },
		{
			...base(),
			type: 'survey_answer',
			householdId,
			roundId: survey.round.id,
			version: 1,
			outcome: 'answered',
			answers: { back: false }
		}
	]);
	for (let i = 0; i < events.length; i += 200) {
		const r = await api(baseURL, 'POST', '/api/sync/push', { events: events.slice(i, i + 200) }, other.token);
		const bad = r.results.filter(
			(/** @type {{ status: string }} */ x) => x.status !== 'accepted' && x.status !== 'duplicate'
		);
		if (bad.length) throw new Error(`round records not taken: ${JSON.stringify(bad[0])}`);
	}
	return events.length;
}

/**
 * A tap page on /grid, offline, with the IndexedDB probe installed before the app loads.
 * @param {import('@playwright/test').BrowserContext} context
 */
async function tapPage(context) {
	const page = await context.newPage();
	await page.addInitScript(idbProbe);
	await page.goto('/grid');
	// A cold start opens locked: the trial click lets the enrolment's lock handler type the PIN.
	await page.locator('[data-testid^="chip-"]').first().click({ trial: true, timeout: 60_000 });
	return page;
}

/**
 * @typedef {object} Context
 * @property {import('../lib/run.js').Run} run
 * @property {(...a: unknown[]) => void} log
 * @property {import('@playwright/test').Browser} browser
 * @property {string} snapshot  the build the sealed server serves
 * @property {string} demoSize
 * @property {number} port  a free port for the third server
 * @property {import('@playwright/test').BrowserContext} one  the one-round device (index.js's sealed one)
 * @property {{ id: string, b: number, u: number }[]} households  in visiting order; the first `skip` are visited
 * @property {number} skip
 * @property {number} warmup
 * @property {number} throttle
 * @property {number} reps
 * @property {(browser: any, baseURL: string, code: string, label: string) => Promise<any>} device
 * @property {(context: any, page: any, households: any[], warmup: number) => Promise<any>} tapToCommit
 * @property {(context: any, rate: number, reps: number) => Promise<any>} gridTti
 * @property {(blocks: any[]) => any} mergeTaps
 */

/**
 * The same probes on a device with three active rounds and on the one-round device, alternated.
 * @param {Context} c
 */
export async function threeRounds(c) {
	const { log } = c;
	const dataDir = c.run.tmpDir('doorstep-bench-rounds-');
	const baseURL = `http://127.0.0.1:${c.port}`;
	log(`three rounds: server on ${baseURL}, data in ${dataDir}`);
	const server = await c.run.server({ snapshot: c.snapshot, port: c.port, dataDir, demoSize: c.demoSize });
	const visits = c.households.slice(c.skip, c.skip + c.warmup + ROUNDS_VISITS);
	const units = new Set(visits.map((h) => `demo-${h.b}-${h.u}-`));
	const seeded = c.households.filter((h) => [...units].some((u) => h.id.startsWith(u))).map((h) => h.id);
	const records = await seedRounds(baseURL, server.codes, seeded);
	log(`three rounds: ${records} distribution and survey records pushed`);
	const three = await c.device(c.browser, baseURL, server.codes.volunteerCode, 'three rounds');
	const rounds = await three.page.evaluate(
		() =>
			new Promise((ok) => {
				const req = indexedDB.open('doorstep');
				req.onsuccess = () => {
					const all = req.result.transaction('rounds').objectStore('rounds').getAll();
					all.onsuccess = () => ok(all.result.filter((r) => r.active).map((r) => r.kind));
				};
			})
	);
	log(`three rounds: the device holds active rounds ${JSON.stringify(rounds)}`);
	const onePage = await tapPage(c.one);

	/** @type {{ one: any[], three: any[] }} */
	const blocks = { one: [], three: [] };
	const per = Math.ceil(ROUNDS_VISITS / ROUNDS_BLOCKS);
	for (let k = 0; k < ROUNDS_BLOCKS; k++) {
		const slice = visits.slice(k === 0 ? 0 : c.warmup + k * per, c.warmup + (k + 1) * per);
		for (const which of k % 2 === 0 ? ['three', 'one'] : ['one', 'three']) {
			log(`three rounds: tap-to-commit, ${which}, block ${k + 1}/${ROUNDS_BLOCKS}: ${slice.length} visits`);
			const [context, page] = which === 'one' ? [c.one, onePage] : [three.context, three.page];
			blocks[/** @type {'one' | 'three'} */ (which)].push(
				await c.tapToCommit(context, page, slice, k === 0 ? c.warmup : 0)
			);
		}
	}
	await onePage.close();
	await three.page.close();
	const grid = { one: /** @type {any} */ ({}), three: /** @type {any} */ ({}) };
	for (const [key, rate, first] of /** @type {const} */ ([
		['free', 1, 'three'],
		['slow', c.throttle, 'one']
	])) {
		for (const which of first === 'three' ? ['three', 'one'] : ['one', 'three']) {
			log(`three rounds: offline grid loads, ${which}, CPU ${rate}×`);
			grid[/** @type {'one' | 'three'} */ (which)][key] = await c.gridTti(
				which === 'one' ? c.one : three.context,
				rate,
				c.reps
			);
		}
	}
	return {
		port: c.port,
		rounds,
		records,
		households: three.setup.households,
		taps: { one: c.mergeTaps(blocks.one), three: c.mergeTaps(blocks.three) },
		grid
	};
}

/** @param {number} a @param {number} b */
const ratio = (a, b) => `${(a / b).toFixed(2)} ×`;

/**
 * This phase's section of docs/benchmarks.md, with the run's single-round figures beside it.
 * @param {Awaited<ReturnType<typeof threeRounds>>} r
 * @param {{ date: string, revision: string, taps: any, grid: any }} main  index.js's results
 */
export function renderRounds(r, main) {
	const t1 = r.taps.one.app;
	const t3 = r.taps.three.app;
	const g = (/** @type {any} */ x) => `${ms(x.painted.median)} / ${ms(x.painted.max)}`;
	const row = (/** @type {string} */ name, /** @type {any} */ one, /** @type {any} */ three) =>
		`| ${name} (n=${one.painted.n} / ${three.painted.n}) | ${g(one)} | ${g(three)} | ${ratio(three.painted.median, one.painted.median)} |`;
	return [
		'<!-- bench:field-rounds -->',
		'## Field with three active rounds (issue 12)',
		'',
		`- **Date:** ${main.date}, the same run as the field section above (\`${COMMAND}\`; raw figures in \`bench/out/field.json\`, key \`rounds\`)`,
		`- **Build of:** ${main.revision}`,
		`- **Three rounds on the device:** ${r.rounds.join(', ')} active, on a third server (port ${r.port}, same build, same demo); the lead started the distribution round and a three-question survey, and another volunteer recorded one of each for every household of the visited units (${r.records} records) before the device enrolled (${r.households} households). The grid opens on the sampling round with the round picker shown.`,
		'- **One round:** the sealed device of the section above (sampling only), in the same phase: visits in blocks alternating three, one, one, three on households neither device had visited; grid loads alternating at each throttle.',
		'',
		'| Figure | one round median / p95 | three rounds median / p95 | three / one median |',
		'|---|---:|---:|---:|',
		`| **Tap → durable commit**, CPU ${'4'}× (ms, n=${t1.n} / ${t3.n}) | ${ms(t1.median)} / ${ms(t1.p95)} | ${ms(t3.median)} / ${ms(t3.p95)} | ${ratio(t3.median, t1.median)} |`,
		`| Raw IndexedDB put, same page (baseline; ms) | ${ms(r.taps.one.raw.median)} / ${ms(r.taps.one.raw.p95)} | ${ms(r.taps.three.raw.median)} / ${ms(r.taps.three.raw.p95)} | ${ratio(r.taps.three.raw.median, r.taps.one.raw.median)} |`,
		`| Ratio app / raw p95 | ${ratio(t1.p95, r.taps.one.raw.p95)} | ${ratio(t3.p95, r.taps.three.raw.p95)} | |`,
		'',
		'| Offline grid, first chip interactive (ms; median / max) | one round | three rounds | three / one median |',
		'|---|---:|---:|---:|',
		row('no throttle', r.grid.one.free, r.grid.three.free),
		row('CPU 4×', r.grid.one.slow, r.grid.three.slow),
		'',
		`The section above (same run, one round, ${main.taps.app.n} visits): tap → durable commit median ${ms(main.taps.app.median)} / p95 ${ms(main.taps.app.p95)} ms; offline grid ${g(main.grid.free)} ms unthrottled, ${g(main.grid.slow)} ms at CPU 4×. How each figure is taken: as described there (the same functions).`,
		'<!-- /bench:field-rounds -->'
	].join('\n');
}

/**
 * Writes the section.
 * @param {string} section
 */
export const writeRounds = (section) => writeDoc('field-rounds', section);
