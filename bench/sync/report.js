// The bench:sync section of docs/benchmarks.md: written whole by bench/sync/index.js; its
// convergence paragraph (between inner markers) refreshed alone by bench/convergence.

import { fmt, readDocSection, writeDoc } from '../lib/harness.js';

const CONVERGENCE = /<!-- convergence -->[\s\S]*?<!-- \/convergence -->/;

/**
 * The convergence paragraph from bench/out/convergence.json (or a note that it has not run).
 * @param {any} conv
 */
export function convergenceText(conv) {
	const body = conv
		? `\`${conv.command}\` on ${conv.date.replace('T', ' ').slice(0, 19)} UTC, revision ${conv.revision}: **${fmt(conv.runs)} runs passed in ${fmt(conv.seconds, 1)} s** ` +
			`(${fmt((conv.seconds * 1000) / conv.runs, 1)} ms a run; the whole vitest process took ${fmt(conv.wallSeconds, 1)} s). ` +
			'Each run: 2–4 devices of one team (one lead, the rest volunteers), up to 60 random steps — record a visit, correct one (`replaces`), void one, a delivery request and outcome, push, push whose answer is lost after the server applied it, push while offline, re-push of acknowledged events, paged pull (1–8 rows a page) with a lost page, and a push and a pull in flight at once — ' +
			'against the real store functions (`SqliteDb(":memory:")`, `migrate`, `seedDemo`, `enrol`, `pushEvents`, `pull`, every answer through a JSON round trip and parsed with the API schemas), then a final full sync. ' +
			"Checked: every device and the server fold (`foldAll`, `coverageOf`, `foldDelivery`) to identical household statuses, coverage counts and delivery states; the server's fold is the same with its events reversed; the server holds each event id once; every recorded event is on the server unless it was deliberately invalid (then it is quarantined and the device holds it aside with a reason); every push gets one answer per event, and a re-push of acknowledged events is answered `duplicate`. " +
			"`npm run test:unit` runs 100 of these (NUM_RUNS unset). The test was checked against two planted bugs (a client dropping its outbox on an offline push; a pull page ending inside a delivery request's order + event pair): fast-check found and shrank each within 100 runs."
		: 'Not run yet: `npm run bench:convergence` writes it.';
	return `<!-- convergence -->\n${body}\n<!-- /convergence -->`;
}

/**
 * Refreshes only the convergence paragraph, creating a minimal section if there is none.
 * @param {any} conv
 */
export function writeConvergence(conv) {
	const section = readDocSection('sync');
	if (section && CONVERGENCE.test(section)) {
		writeDoc(
			'sync',
			section.replace(CONVERGENCE, () => convergenceText(conv))
		);
	} else {
		writeDoc(
			'sync',
			[
				'<!-- bench:sync -->',
				'## Sync: ingest, end-of-shift burst, initial pull, convergence',
				'',
				'### Convergence property test (benchmark mode)',
				'',
				convergenceText(conv),
				'',
				'<!-- /bench:sync -->'
			].join('\n')
		);
	}
}
