import type { ServerInit } from '@sveltejs/kit';
import { DEMO_TEAM } from '$lib/server/demo';
import { store } from '$lib/server/store';

/** Opens, migrates and seeds the store before the first request, and says how to sign in. */
export const init: ServerInit = async () => {
	await store();
	if (process.env.DOORSTEP_QUIET) return;
	const port = process.env.PORT ?? '3000';
	console.log(
		[
			'',
			`一户不落 Doorstep is running: http://localhost:${port}`,
			`  Volunteer enrolment code (志愿者登记码): ${DEMO_TEAM.enrolCode}`,
			`  Team lead code (队长码):                ${DEMO_TEAM.leadCode}`,
			`  Store: ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `SQLite in ${process.env.DATA_DIR ?? 'data'}/`}`,
			''
		].join('\n')
	);
};
