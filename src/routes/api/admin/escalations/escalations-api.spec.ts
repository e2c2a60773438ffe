import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationsSchema, transfersSchema } from '$lib/domain/needs/transfer-api';
import { enrol, authenticate } from '$lib/server/auth';
import { admin } from '$lib/server/lead/testing';
import { pushEvents } from '$lib/server/push';
import { store } from '$lib/server/store';
import { DEMO, seedDemo, secondTeam, TEAM_B } from '$lib/server/testing/fixtures';
import { created, needEvent } from '$tests/support/needs';
import { GET as transfersGet, POST as transfersPost } from '../../lead/needs/transfers/+server';
import { GET as listGet } from './+server';
import { POST as passPost } from './pass/+server';

// Escalation across communities as each device meets the endpoints: the office lists and passes,
// the receiving lead steps, everyone else is refused before anything is read or changed.
const dir = mkdtempSync(join(tmpdir(), 'doorstep-escalations-api-'));
process.env.DATABASE_URL = '';
process.env.DATA_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Handler = (event: never) => Response | Promise<Response>;
async function call(handler: Handler, path: string, init: RequestInit & { token?: string } = {}) {
	const url = new URL(path, 'http://localhost');
	const headers = new Headers(init.headers);
	if (init.token) headers.set('authorization', `Bearer ${init.token}`);
	if (init.body !== undefined) headers.set('content-type', 'application/json');
	const response = await handler({
		request: new Request(url, { ...init, headers }),
		url,
		params: {},
		getClientAddress: () => '127.0.0.1'
	} as never);
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

let lead: string;
let volunteer: string;
let leadB: string;
let office: string;
let teamA: string;

beforeAll(async () => {
	const db = await store();
	await seedDemo(db);
	await secondTeam(db);
	const enrolled = async (code: string, name: string) => {
		const done = await enrol(db, code, name);
		if (!done) throw new Error(`no team for code ${code}`);
		return done.token;
	};
	lead = await enrolled(DEMO.leadCode, '甲队长');
	volunteer = await enrolled(DEMO.volunteerCode, '甲队员');
	leadB = await enrolled(TEAM_B.leadCode, '乙队长');
	office = (await admin(db)).token;
	const a = await authenticate(db, `Bearer ${lead}`);
	teamA = a.teamId;
	const who = { deviceId: a.deviceId, volunteer: a.volunteer };
	const need = { needId: 'api-need-up', householdId: 'demo-1-1-101' };
	await pushEvents(db, a, [created(who, need), needEvent('need_escalated', who, need, { note: '' })], 0);
});

const pass = (token: string | undefined, body: unknown) =>
	call(passPost, '/api/admin/escalations/pass', { method: 'POST', body: JSON.stringify(body), token });
const step = (token: string | undefined, state: string) =>
	call(transfersPost, '/api/lead/needs/transfers', {
		method: 'POST',
		body: JSON.stringify({ from: teamA, needId: 'api-need-up', state }),
		token
	});

describe('the escalation endpoints', () => {
	it('only the office lists and passes; leads and volunteers get 403, strangers 401', async () => {
		for (const token of [lead, volunteer, leadB]) {
			expect((await call(listGet, '/api/admin/escalations', { token })).status).toBe(403);
			expect((await pass(token, { from: teamA, needId: 'api-need-up', to: TEAM_B.id })).status).toBe(403);
		}
		expect((await call(listGet, '/api/admin/escalations')).status).toBe(401);
		expect((await pass(undefined, { from: teamA, needId: 'api-need-up', to: TEAM_B.id })).status).toBe(401);
		expect((await call(transfersGet, '/api/lead/needs/transfers', { token: volunteer })).status).toBe(403);
		const list = escalationsSchema.parse((await call(listGet, '/api/admin/escalations', { token: office })).body);
		expect(list.needs.map((n) => n.needId)).toEqual(['api-need-up']);
	});

	it('a wrong body is 400 naming the field; the same community 409; passed once, then 409', async () => {
		const bad = await pass(office, { from: teamA, needId: '', to: TEAM_B.id });
		expect(bad.status).toBe(400);
		expect(JSON.stringify(bad.body)).toContain('needId');
		expect((await pass(office, { from: teamA, needId: 'api-need-up', to: teamA })).status).toBe(409);
		const done = await pass(office, { from: teamA, needId: 'api-need-up', to: TEAM_B.id });
		expect(done).toEqual({ status: 200, body: { needId: 'api-need-up', to: TEAM_B.id, state: 'passed' } });
		const again = await pass(office, { from: teamA, needId: 'api-need-up', to: TEAM_B.id });
		expect(again.status).toBe(409);
		expect(String(again.body.error)).toContain('already passed');
	});

	it('the receiving lead steps it; the sending lead sees each step and may not step it', async () => {
		expect((await step(lead, 'taken')).status).toBe(404);
		expect((await step(volunteer, 'taken')).status).toBe(403);
		expect((await step(leadB, 'finished')).status).toBe(400);
		// Taken on, it is B's own request (at a foreign door): the answer and B's list name it.
		const taken = await step(leadB, 'taken');
		expect(taken.body).toEqual({ needId: 'api-need-up', state: 'taken', ownNeedId: expect.any(String) });
		const b = transfersSchema.parse((await call(transfersGet, '/api/lead/needs/transfers', { token: leadB })).body);
		expect(b.incoming.map((n) => [n.needId, n.state, n.ownNeedId])).toEqual([
			['api-need-up', 'taken', taken.body.ownNeedId]
		]);
		// The sending lead never learns B's request.
		expect(JSON.stringify((await call(transfersGet, '/api/lead/needs/transfers', { token: lead })).body)).not.toContain(
			String(taken.body.ownNeedId)
		);
		expect((await step(leadB, 'done')).body).toEqual({
			needId: 'api-need-up',
			state: 'done',
			ownNeedId: taken.body.ownNeedId
		});
		const a = transfersSchema.parse((await call(transfersGet, '/api/lead/needs/transfers', { token: lead })).body);
		expect(a.outgoing).toMatchObject([{ needId: 'api-need-up', to: { id: TEAM_B.id }, state: 'done' }]);
	});
});
