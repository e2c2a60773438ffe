import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskRosterSchema, deskStatusSchema } from '$lib/domain/needs/desk-api';
import { store } from '$lib/server/store';
import { enrol } from '$lib/server/auth';
import { DEMO, seedDemo } from '$lib/server/testing/fixtures';
import { GET as markGet, POST as markPost } from '../lead/needs/desk/+server';
import { GET as triageGet } from '../lead/needs/triage/+server';
import { POST as decidePost } from '../lead/needs/triage/[id]/+server';
import { GET as statusGet } from './+server';
import { GET as rosterGet } from './roster/+server';

// The desk role's endpoints as each device meets them: who may search the roster and work the
// triage list, and who may mark a desk.
const dir = mkdtempSync(join(tmpdir(), 'doorstep-desk-api-'));
process.env.DATABASE_URL = '';
process.env.DATA_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Handler = (event: never) => Response | Promise<Response>;
async function call(handler: Handler, path: string, init: RequestInit & { token?: string } = {}, params = {}) {
	const url = new URL(path, 'http://localhost');
	const headers = new Headers(init.headers);
	if (init.token) headers.set('authorization', `Bearer ${init.token}`);
	if (init.body !== undefined) headers.set('content-type', 'application/json');
	const response = await handler({
		request: new Request(url, { ...init, headers }),
		url,
		params,
		getClientAddress: () => '127.0.0.1'
	} as never);
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

let lead: { token: string };
let volunteer: { token: string };
let desk: { token: string; deviceId: string };

beforeAll(async () => {
	const db = await store();
	await seedDemo(db);
	const enrolled = async (code: string, name: string) => {
		const done = await enrol(db, code, name);
		if (!done) throw new Error(`no team for code ${code}`);
		return { token: done.token, deviceId: done.deviceId };
	};
	lead = await enrolled(DEMO.leadCode, '受理台队长');
	volunteer = await enrolled(DEMO.volunteerCode, '普通队员');
	desk = await enrolled(DEMO.volunteerCode, '受理台队员');
});

describe('the desk endpoints', () => {
	it('a volunteer not marked desk, or a stranger, is refused the roster and the triage list', async () => {
		for (const [h, path] of [
			[rosterGet, '/api/desk/roster'],
			[triageGet, '/api/lead/needs/triage']
		] as const) {
			expect((await call(h, path, { token: volunteer.token })).status).toBe(403);
			expect((await call(h, path, { token: desk.token })).status).toBe(403);
			expect((await call(h, path)).status).toBe(401);
		}
		const decide = await call(
			decidePost,
			'/api/lead/needs/triage/x',
			{ method: 'POST', body: '{"action":"reject"}', token: volunteer.token },
			{ id: 'x' }
		);
		expect(decide.status).toBe(403);
		expect(deskStatusSchema.parse((await call(statusGet, '/api/desk', { token: volunteer.token })).body)).toEqual({
			desk: false
		});
		expect((await call(statusGet, '/api/desk')).status).toBe(401);
	});

	it('only the lead marks a desk; then that device alone searches the roster as doors and names', async () => {
		const mark = (token: string, on: boolean) =>
			call(markPost, '/api/lead/needs/desk', {
				method: 'POST',
				body: JSON.stringify({ deviceId: desk.deviceId, desk: on }),
				token
			});
		expect((await mark(volunteer.token, true)).status).toBe(403);
		expect((await mark(desk.token, true)).status).toBe(403);
		expect((await call(markGet, '/api/lead/needs/desk', { token: volunteer.token })).status).toBe(403);
		expect((await mark(lead.token, true)).body).toEqual({ desk: [desk.deviceId] });
		expect((await call(statusGet, '/api/desk', { token: desk.token })).body).toEqual({ desk: true });
		const roster = deskRosterSchema.parse((await call(rosterGet, '/api/desk/roster', { token: desk.token })).body);
		expect(roster.households.length).toBeGreaterThan(0);
		expect(Object.keys(roster.households[0]).sort()).toEqual(['building', 'floor', 'head', 'id', 'room', 'unit']);
		expect((await call(triageGet, '/api/lead/needs/triage', { token: desk.token })).status).toBe(200);
		// The plain volunteer is still refused.
		expect((await call(rosterGet, '/api/desk/roster', { token: volunteer.token })).status).toBe(403);
		expect((await mark(lead.token, false)).body).toEqual({ desk: [] });
		expect((await call(rosterGet, '/api/desk/roster', { token: desk.token })).status).toBe(403);
	});
});
