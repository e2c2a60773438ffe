import { json } from '@sveltejs/kit';
import { deviceOf, handle } from '$lib/server/http';
import { requireLead } from '$lib/server/roles';
import { importRoster, parseRosterBody } from '$lib/server/roster';
import { methodNotAllowed } from '$lib/server/body';
import type { RequestHandler } from './$types';

/** Enough rows of problems to act on; the browser's own preview lists them all. */
const MAX_PROBLEMS = 1000;

/**
 * A lead's roster import. 200 { dryRun, created, updated, unchanged, notInRoster, problems
 * (warnings only) }; 400 { error, problems } when any row is invalid, with nothing saved.
 */
export const POST: RequestHandler = ({ request }) =>
	handle(async (db) => {
		const auth = await deviceOf(db, request);
		// Refuse before reading a body of several megabytes.
		requireLead(auth);
		const body = await parseRosterBody(request);
		const outcome = await importRoster(db, auth, body);
		if (!outcome.ok) {
			const errors = outcome.problems.filter((p) => p.severity === 'error').length;
			return json(
				{
					error: `${errors} problem(s) in the roster; nothing was saved`,
					problems: outcome.problems.slice(0, MAX_PROBLEMS)
				},
				{ status: 400 }
			);
		}
		return json({ ...outcome.result, problems: outcome.result.problems.slice(0, MAX_PROBLEMS) });
	});

export const fallback: RequestHandler = ({ request }) => methodNotAllowed(request, ['POST']);
