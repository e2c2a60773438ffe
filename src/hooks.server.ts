import type { ServerInit } from '@sveltejs/kit';
import { issueSetupToken } from '$lib/server/org/setup';
import { closeStore, store } from '$lib/server/store';

/**
 * Opens and migrates the store before the first request and says where to begin. Until an
 * administrator exists, every start prints a fresh one-time setup link (the only secret ever
 * printed, on purpose); the secret sits after '#', so it never reaches a server log or a Referer.
 */
export const init: ServerInit = async () => {
	const db = await store();
	// scripts/start.js asks for this on SIGTERM, once no request is in flight any more.
	process.once('doorstep:close-store', (done: () => void) => void closeStore().finally(done));
	if (process.env.DOORSTEP_QUIET) return;
	const origin = process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? '3000'}`;
	const token = await issueSetupToken(db);
	const lines = ['', `一户不落 Doorstep is running: ${origin}`];
	if (token) {
		lines.push(
			'  First start: open this one-time setup link (valid 24 h, single use) to name your',
			'  organisation and create its first community or load the demo community:',
			`  首次使用请打开一次性设置链接: ${origin}/setup#${token}`
		);
	} else {
		lines.push('  Set up already: sign in with an invitation code from your administrator or team lead.');
	}
	lines.push(
		`  Store: ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `SQLite in ${process.env.DATA_DIR ?? 'data'}/`}`,
		''
	);
	console.log(lines.join('\n'));
};
