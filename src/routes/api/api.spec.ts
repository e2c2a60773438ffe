import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolResponseSchema, pullResponseSchema, pushResponseSchema } from '$lib/domain/api';
import { POST as enrolPost } from './enrol/+server';
import { GET as pullGet } from './sync/pull/+server';
import { POST as pushPost } from './sync/push/+server';
import { DEMO, seedDemo } from '$lib/server/testing/fixtures';
import { store } from '$lib/server/store';

// The endpoints open the process's store from the environment; point it at a throwaway file.
const dir = mkdtempSync(join(tmpdir(), 'doorstep-api-'));
process.env.DATABASE_URL = '';
process.env.DATA_DIR = dir;
beforeAll(async () => {
	await seedDemo(await store());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Any route's handler: each is typed for its own route id, and tests pass only request and url. */
type Handler = (event: never) => Response | Promise<Response>;

const call = async (handler: Handler, path: string, init: RequestInit = {}) => {
	const url = new URL(path, 'http://localhost');
	const response = await handler({
		request: new Request(url, init),
		url,
		getClientAddress: () => '127.0.0.1'
	} as never);
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const post = (handler: Handler, path: string, body: string, headers: Record<string, string> = {}) =>
	call(handler, path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

async function token(): Promise<string> {
	const { status, body } = await post(
		enrolPost,
		'/api/enrol',
		JSON.stringify({ code: DEMO.volunteerCode, volunteer: '小王' })
	);
	expect(status).toBe(200);
	return enrolResponseSchema.parse(body).token;
}

describe('enrol endpoint', () => {
	it('enrols with a code typed in lower case and spaces', async () => {
		const { status, body } = await post(
			enrolPost,
			'/api/enrol',
			JSON.stringify({ code: ` ${DEMO.volunteerCode.toLowerCase()} `, volunteer: '小王' })
		);
		expect(status).toBe(200);
		expect(enrolResponseSchema.parse(body).role).toBe('volunteer');
	});

	it('answers 404 naming the code for an unknown team', async () => {
		const { status, body } = await post(
			enrolPost,
			'/api/enrol',
			JSON.stringify({ code: 'NOPE2026', volunteer: '小王' })
		);
		expect(status).toBe(404);
		expect(body.error).toMatch(/^code:/);
	});

	it('answers 400 for a body that is not JSON', async () => {
		const { status, body } = await post(enrolPost, '/api/enrol', '{"code":');
		expect(status).toBe(400);
		expect(body.error).toMatch(/JSON/);
	});

	it('answers 400 listing the field for a body of the wrong shape', async () => {
		const { status, body } = await post(enrolPost, '/api/enrol', JSON.stringify({ code: 'DEMO2026' }));
		expect(status).toBe(400);
		expect(body.issues).toEqual([expect.stringMatching(/^volunteer:/)]);
	});

	it('answers 413 for a body over the limit, counted in bytes', async () => {
		const volunteer = '王'.repeat(200_000);
		const { status } = await post(enrolPost, '/api/enrol', JSON.stringify({ code: 'DEMO2026', volunteer }));
		expect(status).toBe(413);
	});
});

describe('sync endpoints', () => {
	it('refuse a request without a token with 401', async () => {
		expect((await call(pullGet, '/api/sync/pull')).status).toBe(401);
		expect((await post(pushPost, '/api/sync/push', JSON.stringify({ events: [] }))).status).toBe(401);
	});

	it('answer 400 for a bad pull query', async () => {
		const auth = { authorization: `Bearer ${await token()}` };
		for (const query of ['cursor=-1', 'limit=0', 'limit=999999', 'cursor=abc']) {
			const { status } = await call(pullGet, `/api/sync/pull?${query}`, { headers: auth });
			expect(status, query).toBe(400);
		}
	});

	it('pull and push with a token', async () => {
		const auth = { authorization: `Bearer ${await token()}` };
		const pulled = await call(pullGet, '/api/sync/pull?cursor=0&limit=10', { headers: auth });
		expect(pulled.status).toBe(200);
		const page = pullResponseSchema.parse(pulled.body);
		expect(page.more).toBe(true);
		const pushed = await post(pushPost, '/api/sync/push', JSON.stringify({ events: [{ id: 'x1' }] }), auth);
		expect(pushed.status).toBe(200);
		expect(pushResponseSchema.parse(pushed.body).results).toEqual([
			{ id: 'x1', status: 'rejected', reason: expect.any(String) }
		]);
	});

	it('let a revoked device hand in (push) but not read (pull), telling it it is revoked', async () => {
		const session = await post(
			enrolPost,
			'/api/enrol',
			JSON.stringify({ code: DEMO.volunteerCode, volunteer: '被撤销' })
		);
		const { token: t, deviceId } = enrolResponseSchema.parse(session.body);
		await (await store()).run('UPDATE devices SET revoked_at = ? WHERE id = ?', ['2026-11-23T10:00:00Z', deviceId]);
		const auth = { authorization: `Bearer ${t}` };
		const pulled = await call(pullGet, '/api/sync/pull?cursor=0', { headers: auth });
		expect(pulled).toMatchObject({ status: 401, body: { revoked: true } });
		const pushed = await post(pushPost, '/api/sync/push', JSON.stringify({ events: [{ id: 'x2' }] }), auth);
		expect(pushed.status).toBe(200);
		expect(pushResponseSchema.parse(pushed.body).results).toEqual([
			{ id: 'x2', status: 'rejected', reason: expect.any(String) }
		]);
		// An unknown token is not "revoked".
		const unknown = await call(pullGet, '/api/sync/pull', { headers: { authorization: `Bearer ${'x'.repeat(30)}` } });
		expect(unknown).toMatchObject({ status: 401, body: { error: expect.any(String) } });
		expect(unknown.body.revoked).toBeUndefined();
	});

	it('answer 400 for a push whose events are not a list', async () => {
		const auth = { authorization: `Bearer ${await token()}` };
		const { status, body } = await post(pushPost, '/api/sync/push', JSON.stringify({ events: {} }), auth);
		expect(status).toBe(400);
		expect(body.issues).toEqual([expect.stringMatching(/^events:/)]);
	});
});
