// The one place browser tests and benchmarks learn the demo community's enrolment codes. Codes
// are random: the operator's command draws them when it loads the demo into a fresh store, and
// a revoke with approval off rotates the volunteer code, so they are read from the store.

import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** @typedef {{ volunteerCode: string, leadCode: string }} DemoCodes */

/**
 * Loads the demo community into a fresh store the way an operator would
 * (`npm run admin -- demo`), by default with approval off and the whole team visible in full,
 * as tests and benchmarks of everything but those rules assume.
 * @param {{ DATA_DIR?: string, DATABASE_URL?: string, DEMO_SIZE?: string }} store
 * @param {string[]} [options]
 * @param {string} [checkout]  whose `npm run admin` loads it (a benchmark's measured revision); this one by default
 * @returns {DemoCodes}
 */
export function loadDemo(store, options = ['--approval', 'off', '--full-team'], checkout) {
	if (store.DATA_DIR) mkdirSync(store.DATA_DIR, { recursive: true });
	const out = execFileSync('npm', ['run', '-s', 'admin', '--', 'demo', ...options, '--json'], {
		cwd: checkout,
		env: { ...process.env, DATABASE_URL: '', ...store },
		encoding: 'utf8'
	});
	return JSON.parse(out);
}

/**
 * The demo community's current codes in a SQLite store.
 * @param {string} dataDir
 * @returns {DemoCodes}
 */
export function demoCodes(dataDir) {
	const db = new Database(join(dataDir, 'doorstep.sqlite'), { readonly: true, fileMustExist: true });
	try {
		const st = db.prepare("SELECT code FROM invites WHERE team_id = 'demo-team' AND role = ? AND revoked_at IS NULL");
		const code = (/** @type {string} */ role) => /** @type {{ code: string } | undefined} */ (st.get(role))?.code ?? '';
		return { volunteerCode: code('volunteer'), leadCode: code('lead') };
	} finally {
		db.close();
	}
}
