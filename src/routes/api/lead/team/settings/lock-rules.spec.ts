import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolResponseSchema, pullResponseSchema } from '$lib/domain/api';
import { invitationsResponseSchema } from '$lib/domain/org-api';
import { POST as enrolPost } from '../../../enrol/+server';
import { GET as pullGet } from '../../../sync/pull/+server';
import { POST as settingsPost } from './+server';
import { DEMO, seedDemo } from '$lib/server/testing/fixtures';
import { store } from '$lib/server/store';

// The endpoints open the process's store from the environment; point it at a throwaway file.
const dir = mkdtempSync(join(tmpdir(), 'doorstep-lock-rules-'));
process.env.DATABASE_URL = '';
process.env.DATA_DIR = dir;
beforeAll(async () => {
	await seedDemo(await store());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Handler = (event: never) => Response | Promise<Response>;

async function call(handler: Handler, path: string, init: RequestInit = {}) {
	const url = new URL(path, 'http://localhost');
	const response = await handler({
		request: new Request(url, init),
		url,
		getClientAddress: () => '127.0.0.1'
	} as never);
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function tokenOf(code: string, volunteer: string): Promise<string> {
	const { body } = await call(enrolPost, '/api/enrol', {
		method: 'POST',
		body: JSON.stringify({ code, volunteer }),
		headers: { 'content-type': 'application/json' }
	});
	return enrolResponseSchema.parse(body).token;
}

const save = (token: string, body: unknown) =>
	call(settingsPost, '/api/lead/team/settings', {
		method: 'POST',
		body: JSON.stringify(body),
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }
	});

const pulledRules = async (token: string) =>
	pullResponseSchema.parse(
		(await call(pullGet, '/api/sync/pull?cursor=0&limit=1', { headers: { authorization: `Bearer ${token}` } })).body
	).lock;

describe('the lock rules on the team settings endpoint', () => {
	it('refuses values out of range naming the field, and a volunteer, changing nothing', async () => {
		const lead = await tokenOf(DEMO.leadCode, '组长');
		const volunteer = await tokenOf(DEMO.volunteerCode, '队员');
		for (const body of [
			{ pinLength: 5 },
			{ pinLength: 13 },
			{ lockMinutes: 0 },
			{ lockMinutes: 31 },
			{ pinLength: 6.5 }
		]) {
			const { status, body: answer } = await save(lead, body);
			expect(status, JSON.stringify(body)).toBe(400);
			expect(answer.issues).toEqual([expect.stringMatching(new RegExp(`^${Object.keys(body)[0]}:`))]);
		}
		expect((await save(volunteer, { pinLength: 8 })).status).toBe(403);
		expect(await pulledRules(volunteer)).toEqual({ pinLength: 6, lockMinutes: 5 });
	});

	it('takes the lead’s rules, and every device’s next pull carries them', async () => {
		const lead = await tokenOf(DEMO.leadCode, '组长二');
		const volunteer = await tokenOf(DEMO.volunteerCode, '队员二');
		const saved = await save(lead, { pinLength: 8, lockMinutes: 2 });
		expect(saved.status).toBe(200);
		expect(invitationsResponseSchema.parse(saved.body).settings).toMatchObject({ pinLength: 8, lockMinutes: 2 });
		expect(await pulledRules(volunteer)).toEqual({ pinLength: 8, lockMinutes: 2 });
	});
});
