/**
 * SIGTERM on the real server process (scripts/start.js around the build, as `npm start` runs
 * it): a push already in flight is answered and stored, the process exits 0, and the SQLite
 * store is closed cleanly (its write-ahead log checkpointed away), so what a device was told
 * "received" is in the store file itself. It builds nothing: `npm test` builds before it.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authenticate, enrol } from '$lib/server/auth';
import { openDb } from '$lib/server/db';
import { DEMO, seedDemo, visit } from '$lib/server/testing/fixtures';
import { demoHouseholds } from '$lib/server/demo';

const built = existsSync(resolve('build/handler.js'));
const PORT = Number(process.env.SHUTDOWN_PORT ?? 4291);
const dir = mkdtempSync(join(tmpdir(), 'doorstep-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!built)('SIGTERM', () => {
	it('answers the push in flight, stores it, closes the store and exits 0', async () => {
		const db = await openDb('', dir);
		await seedDemo(db);
		const done = await enrol(db, DEMO.volunteerCode, '关机测试');
		if (!done) throw new Error('demo code refused');
		const auth = await authenticate(db, `Bearer ${done.token}`);
		const round = await db.get<{ id: string }>('SELECT id FROM rounds');
		await db.close();

		const server = spawn(process.execPath, [resolve('scripts/start.js')], {
			env: {
				...process.env,
				PORT: String(PORT),
				HOST: '127.0.0.1',
				DATA_DIR: dir,
				DATABASE_URL: '',
				DOORSTEP_QUIET: '1'
			},
			stdio: 'ignore'
		});
		const exited = new Promise<number | null>((ok) => server.once('exit', (code) => ok(code)));
		for (let i = 0; i < 100; i++) {
			if (
				await fetch(`http://127.0.0.1:${PORT}/api/sync/pull`).then(
					() => true,
					() => false
				)
			)
				break;
			await new Promise((r) => setTimeout(r, 100));
		}
		const events = demoHouseholds()
			.slice(0, 200)
			.map((h) => visit({ deviceId: auth.deviceId, roundId: round?.id ?? '', householdId: h.id }));
		// The push is under way — headers and half the body sent — when the signal arrives; the
		// rest follows after it.
		const body = JSON.stringify({ events });
		const half = Math.floor(body.length / 2);
		const answer = new Promise<{ status: number; text: string }>((ok, fail) => {
			const req = http.request(
				{
					host: '127.0.0.1',
					port: PORT,
					path: '/api/sync/push',
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						'content-length': Buffer.byteLength(body),
						authorization: `Bearer ${done.token}`
					}
				},
				(res) => {
					let text = '';
					res.on('data', (c: Buffer) => (text += c.toString()));
					res.on('end', () => ok({ status: res.statusCode ?? 0, text }));
				}
			);
			req.on('error', fail);
			req.write(body.slice(0, half), () => {
				server.kill('SIGTERM');
				setTimeout(() => req.end(body.slice(half)), 300);
			});
		});
		const { status, text } = await answer;
		expect(status).toBe(200);
		const results = (JSON.parse(text) as { results: { status: string }[] }).results;
		expect(results).toHaveLength(events.length);
		expect(results.every((r) => r.status === 'accepted')).toBe(true);
		expect(await exited).toBe(0);

		// Closed cleanly: no write-ahead log left behind, and every acknowledged event is in the file.
		expect(existsSync(join(dir, 'doorstep.sqlite-wal'))).toBe(false);
		const file = new Database(join(dir, 'doorstep.sqlite'), { readonly: true });
		try {
			expect((file.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(events.length);
		} finally {
			file.close();
		}
	}, 60_000);
});
