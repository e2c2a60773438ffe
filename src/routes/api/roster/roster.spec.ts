import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolResponseSchema } from '$lib/domain/api';
import { rosterImportResponseSchema, rosterRejectedResponseSchema } from '$lib/domain/roster/api';
import { parseRosterCsv } from '$lib/domain/roster/read';
import { POST as enrolPost } from '../enrol/+server';
import { POST as rosterPost } from './+server';
import { DEMO, seedDemo } from '$lib/server/testing/fixtures';
import { store } from '$lib/server/store';

// The endpoints open the process's store from the environment; point it at a throwaway file.
const dir = mkdtempSync(join(tmpdir(), 'doorstep-roster-api-'));
process.env.DATABASE_URL = '';
process.env.DATA_DIR = dir;
beforeAll(async () => {
	await seedDemo(await store());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Handler = (event: never) => Response | Promise<Response>;

async function post(handler: Handler, body: string, headers: Record<string, string> = {}) {
	const url = new URL('/api/x', 'http://localhost');
	const request = new Request(url, {
		method: 'POST',
		body,
		headers: { 'content-type': 'application/json', ...headers }
	});
	const response = await handler({ request, url, getClientAddress: () => '127.0.0.1' } as never);
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function token(code: string): Promise<string> {
	const { status, body } = await post(enrolPost, JSON.stringify({ code, volunteer: '小李' }));
	expect(status).toBe(200);
	return enrolResponseSchema.parse(body).token;
}

/** The team's lead, enrolled once: a second lead code enrolment would wait for approval. */
let lead: string | undefined;
const theLead = async () => (lead ??= await token(DEMO.leadCode));

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

describe('POST /api/roster', () => {
	it('imports the sample roster a lead parsed in the browser: known households updated in place', async () => {
		const lead = await theLead();
		const parsed = parseRosterCsv(new Uint8Array(readFileSync(resolve('tests/fixtures/roster-small.csv'))));
		expect(parsed.ok).toBe(true);
		const dry = await post(rosterPost, JSON.stringify({ households: parsed.households, dryRun: true }), bearer(lead));
		expect(dry.status).toBe(200);
		const preview = rosterImportResponseSchema.parse(dry.body);
		expect(preview.dryRun).toBe(true);
		expect(preview.created + preview.updated + preview.unchanged).toBe(72);

		const done = await post(rosterPost, JSON.stringify({ households: parsed.households }), bearer(lead));
		expect(done.status).toBe(200);
		expect(rosterImportResponseSchema.parse(done.body)).toEqual({ ...preview, dryRun: false });
		const again = await post(rosterPost, JSON.stringify({ households: parsed.households }), bearer(lead));
		expect(rosterImportResponseSchema.parse(again.body)).toMatchObject({ created: 0, updated: 0, unchanged: 72 });
	});

	it('answers 400 with the row problems for a bad row', async () => {
		const lead = await theLead();
		const households = [
			{ row: 2, building: '5', unit: '1', room: '101', floor: 1, residents: 2 },
			{ row: 3, building: '5', unit: '1', room: '102', floor: 1, residents: 'many' }
		];
		const { status, body } = await post(rosterPost, JSON.stringify({ households }), bearer(lead));
		expect(status).toBe(400);
		const rejected = rosterRejectedResponseSchema.parse(body);
		expect(rejected.problems.map((p) => [p.row, p.field, p.code])).toEqual([[3, 'residents', 'residents_invalid']]);
		expect(rejected.error).toMatch(/nothing was saved/);
	});

	it('refuses a volunteer device with 403, an unknown token with 401 and a wrong shape with 400', async () => {
		const volunteer = await token(DEMO.volunteerCode);
		const body = JSON.stringify({ households: [{ building: '5', unit: '1', room: '101' }] });
		expect((await post(rosterPost, body, bearer(volunteer))).status).toBe(403);
		expect((await post(rosterPost, body)).status).toBe(401);
		const lead = await theLead();
		expect((await post(rosterPost, JSON.stringify({ households: 'all' }), bearer(lead))).status).toBe(400);
		expect((await post(rosterPost, '{', bearer(lead))).status).toBe(400);
	});
});
