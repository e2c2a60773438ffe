import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentSettingsSchema, triageListSchema } from '$lib/domain/needs/resident-api';
import { MAX_UNAUTH_BODY_BYTES } from '$lib/server/http';
import { store } from '$lib/server/store';
import { enrol } from '$lib/server/auth';
import { DEMO, seedDemo } from '$lib/server/testing/fixtures';
import { GET as settingsGet, POST as settingsPost } from '../lead/needs/resident/+server';
import { GET as triageGet } from '../lead/needs/triage/+server';
import { POST as decidePost } from '../lead/needs/triage/[id]/+server';
import { GET as pageGet, POST as askPost } from './[token]/+server';
import { GET as statusGet, POST as ratePost } from './[token]/[ref]/+server';
import { GET as ratingsGet } from '../lead/needs/resident-ratings/+server';

// The resident page's endpoints as a stranger meets them: limits, caps, and who may do what.
const dir = mkdtempSync(join(tmpdir(), 'doorstep-resident-api-'));
process.env.DATABASE_URL = '';
process.env.DATA_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Handler = (event: never) => Response | Promise<Response>;
async function call(
	handler: Handler,
	path: string,
	init: RequestInit & { token?: string; from?: string } = {},
	params: Record<string, string> = {}
) {
	const url = new URL(path, 'http://localhost');
	const headers = new Headers(init.headers);
	if (init.token) headers.set('authorization', `Bearer ${init.token}`);
	if (init.body !== undefined) headers.set('content-type', 'application/json');
	const response = await handler({
		request: new Request(url, { ...init, headers }),
		url,
		params,
		getClientAddress: () => init.from ?? '127.0.0.1'
	} as never);
	return {
		status: response.status,
		headers: response.headers,
		body: (await response.json()) as Record<string, unknown>
	};
}

let lead: { token: string };
let volunteer: { token: string };
let token = '';
const ask = (from: string, body: unknown = { unit: '1', room: '101', kind: 'shopping', text: '买菜' }) =>
	call(askPost, `/api/resident/${token}`, { method: 'POST', body: JSON.stringify(body), from }, { token });

beforeAll(async () => {
	const db = await store();
	await seedDemo(db);
	const enrolled = async (code: string, name: string) => {
		const done = await enrol(db, code, name);
		if (!done) throw new Error(`no team for code ${code}`);
		return { token: done.token };
	};
	lead = await enrolled(DEMO.leadCode, '扫码队长');
	volunteer = await enrolled(DEMO.volunteerCode, '扫码队员');
});

describe('the resident page endpoints', () => {
	it('only a lead switches the page on and sees triage; a volunteer or a stranger is refused', async () => {
		for (const h of [settingsGet, triageGet]) {
			expect((await call(h, '/api/lead/needs/x', { token: volunteer.token })).status).toBe(403);
			expect((await call(h, '/api/lead/needs/x')).status).toBe(401);
		}
		const body = JSON.stringify({ enabled: true });
		expect((await call(settingsPost, '/x', { method: 'POST', body, token: volunteer.token })).status).toBe(403);
		expect(
			(
				await call(
					decidePost,
					'/x',
					{ method: 'POST', body: '{"action":"accept"}', token: volunteer.token },
					{ id: 'x' }
				)
			).status
		).toBe(403);
		const on = residentSettingsSchema.parse(
			(await call(settingsPost, '/api/lead/needs/resident', { method: 'POST', body, token: lead.token })).body
		);
		token = on.buildings.find((b) => b.building === '1')!.token;
		expect((await call(pageGet, '/x', { from: '192.0.2.1' }, { token })).status).toBe(200);
	});

	it('a request is taken with a reference; one past the cap or of the wrong shape is refused and changes nothing', async () => {
		const ok = await ask('192.0.2.2');
		expect(ok.status).toBe(201);
		expect(String(ok.body.ref)).toMatch(/^[23456789A-HJ-NP-Z]{8}$/);
		const huge = await ask('192.0.2.3', {
			unit: '1',
			room: '101',
			kind: 'other',
			text: '长'.repeat(MAX_UNAUTH_BODY_BYTES)
		});
		expect(huge.status).toBe(413);
		const bad = await ask('192.0.2.3', { unit: '1', room: '101', kind: 'gold', text: 'x' });
		expect(bad.status).toBe(400);
		const items = triageListSchema.parse(
			(await call(triageGet, '/api/lead/needs/triage', { token: lead.token })).body
		).items;
		expect(items).toHaveLength(1);
		const status = await call(
			statusGet,
			'/x',
			{ from: '192.0.2.2' },
			{ token, ref: String(ok.body.ref).toLowerCase() }
		);
		expect(status.body).toMatchObject({ state: 'received' });
	});

	it('one address gets 429 with Retry-After after a few requests; another address is not held up', async () => {
		const answers: number[] = [];
		for (let i = 0; i < 15; i++) answers.push((await ask('198.51.100.7')).status);
		expect(answers.slice(0, 10).every((s) => s === 201)).toBe(true);
		expect(answers.slice(10).every((s) => s === 429)).toBe(true);
		const held = await ask('198.51.100.7');
		expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await ask('198.51.100.8')).status).toBe(201);
	});

	it('a building takes at most its share an hour, however many addresses ask', async () => {
		const answers: number[] = [];
		for (let i = 0; i < 60; i++) answers.push((await ask(`203.0.113.${i}`)).status);
		expect(answers).toContain(429);
		const first = answers.indexOf(429);
		expect(answers.slice(first).every((s) => s === 429)).toBe(true);
		// 60 a building an hour in all, counting this file's earlier ones.
		const db = await store();
		expect(Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM resident_requests'))?.n)).toBe(60);
	});

	it('guessing tokens or references from one address ends in 429 and reveals nothing', async () => {
		const answers: number[] = [];
		for (let i = 0; i < 20; i++) {
			const guess = `guess${String(i).padStart(20, '0')}`;
			answers.push((await call(pageGet, '/x', { from: '198.51.100.99' }, { token: guess })).status);
		}
		expect(answers.slice(0, 10).every((s) => s === 404)).toBe(true);
		expect(answers.slice(10).every((s) => s === 429)).toBe(true);
		const refs: number[] = [];
		for (let i = 0; i < 12; i++) {
			refs.push((await call(statusGet, '/x', { from: '198.51.100.98' }, { token, ref: 'ZZZZ2222' })).status);
		}
		expect(refs.slice(0, 10).every((s) => s === 404)).toBe(true);
		expect(refs.slice(10).every((s) => s === 429)).toBe(true);
	});

	// issue 10 (session 4): the residents' ratings, for the lead only.
	it("only a lead reads the residents' ratings", async () => {
		expect((await call(ratingsGet, '/x', { token: volunteer.token })).status).toBe(403);
		expect((await call(ratingsGet, '/x')).status).toBe(401);
		const answer = await call(ratingsGet, '/x', { token: lead.token });
		expect(answer).toMatchObject({ status: 200, body: { ratings: [] } });
	});

	// issue 10 (session 4): the resident's rating.
	it('a rating needs a request of this building; bad bodies are refused; every try costs a point', async () => {
		const rate = (ref: string, body: unknown, from = '203.0.113.7') =>
			call(ratePost, '/x', { method: 'POST', body: JSON.stringify(body), from }, { token, ref });
		const good = { rating: 'good', words: '谢谢' };
		expect((await rate('ZZZZ2222', good)).status).toBe(404);
		expect((await rate('ZZZZ2222', { rating: 'great', words: '' })).status).toBe(400);
		expect((await rate('ZZZZ2222', { rating: 'ok', words: 'x'.repeat(201) })).status).toBe(400);
		// A request not yet done is refused too (409, resident-rating.spec.ts): the building's cap is spent here.
		const answers: number[] = [];
		for (let i = 0; i < 12; i++) answers.push((await rate('ZZZZ2222', good, '203.0.113.9')).status);
		const first = answers.indexOf(429);
		expect(first).toBeGreaterThan(5);
		expect(answers.slice(0, first).every((s) => s === 404)).toBe(true);
		expect(answers.slice(first).every((s) => s === 429)).toBe(true);
	});
});
