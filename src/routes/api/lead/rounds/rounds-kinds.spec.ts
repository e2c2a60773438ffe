import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolResponseSchema, pullResponseSchema } from '$lib/domain/api';
import { roundResponseSchema } from '$lib/domain/lead-api';
import { DEMO_TEAM } from '$lib/server/demo';
import { store } from '$lib/server/store';
import { secondTeam, seedDemo, TEAM_B, DEMO } from '$lib/server/testing/fixtures';
import { DISINFECTION_DEF, DISTRIBUTION_DEF, SURVEY_FORM } from '$tests/support/round-events';
import { POST as enrolPost } from '../../enrol/+server';
import { GET as pullGet } from '../../sync/pull/+server';
import { POST as roundsPost } from './+server';
import { POST as closePost } from './[id]/close/+server';
import { PUT as surveyPut } from './[id]/survey/+server';

// Issue 12's endpoints through their handlers, on a throwaway SQLite file or, with
// TEST_DATABASE_URL, a throwaway PostgreSQL schema (as lead.spec.ts does).
const dir = mkdtempSync(join(tmpdir(), 'doorstep-round-kinds-api-'));
const schema = `t_round_kinds_${process.pid}_${Date.now()}`;
const pgUrl = process.env.TEST_DATABASE_URL;
process.env.DATA_DIR = dir;
process.env.DATABASE_URL = '';

beforeAll(async () => {
	if (pgUrl) {
		const admin = new pg.Client({ connectionString: pgUrl });
		await admin.connect();
		await admin.query(`CREATE SCHEMA ${schema}`);
		await admin.end();
		const url = new URL(pgUrl);
		url.searchParams.set('options', `-c search_path=${schema}`);
		process.env.DATABASE_URL = url.toString();
	}
	await seedDemo(await store());
	await secondTeam(await store());
});

afterAll(async () => {
	await (await store()).close();
	rmSync(dir, { recursive: true, force: true });
	if (pgUrl) {
		const admin = new pg.Client({ connectionString: pgUrl });
		await admin.connect();
		await admin.query(`DROP SCHEMA ${schema} CASCADE`);
		await admin.end();
	}
});

type Handler = (event: never) => Response | Promise<Response>;

async function call(handler: Handler, path: string, method: string, token?: string, body?: unknown, id?: string) {
	const url = new URL(path, 'http://localhost');
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (token) headers.authorization = `Bearer ${token}`;
	const response = await handler({
		request: new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
		url,
		params: id === undefined ? {} : { id },
		getClientAddress: () => '127.0.0.1'
	} as never);
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function enrolled(code: string, volunteer: string) {
	const r = await call(enrolPost, '/api/enrol', 'POST', undefined, { code, volunteer });
	expect(r.status).toBe(200);
	return enrolResponseSchema.parse(r.body).token;
}

let leadToken: string | undefined;
const lead = async () => (leadToken ??= await enrolled(DEMO.leadCode, '队长'));
const create = async (body: unknown) => call(roundsPost, '/api/lead/rounds', 'POST', await lead(), body);
const edit = (token: string | undefined, id: string, body: unknown, q = '') =>
	call(surveyPut, `/api/lead/rounds/${id}/survey${q}`, 'PUT', token, body, id);
const close = (token: string | undefined, id: string, q = '') =>
	call(closePost, `/api/lead/rounds/${id}/close${q}`, 'POST', token, undefined, id);

describe('rounds of every kind through the API', () => {
	it('creates one of each kind, all active beside sampling, and a device of this build pulls them', async () => {
		const made = [
			await create({ date: '2026-11-23', kind: 'distribution', definition: DISTRIBUTION_DEF }),
			await create({ date: '2026-11-23', kind: 'disinfection', definition: DISINFECTION_DEF }),
			await create({ date: '2026-11-23', kind: 'survey', definition: SURVEY_FORM })
		];
		expect(made.map((m) => m.status)).toEqual([201, 201, 201]);
		const rounds = made.map((m) => roundResponseSchema.parse(m.body).round);
		const v = await enrolled(DEMO.volunteerCode, '小王');
		const kinds = 'sampling,distribution,disinfection,survey';
		const page = pullResponseSchema.parse((await call(pullGet, `/api/sync/pull?kinds=${kinds}`, 'GET', v)).body);
		for (const r of rounds) expect(page.rounds).toContainEqual(r);
		expect(
			page.rounds
				.filter((r) => r.active)
				.map((r) => r.kind)
				.sort()
		).toEqual(['disinfection', 'distribution', 'sampling', 'survey']);
		const old = pullResponseSchema.parse((await call(pullGet, '/api/sync/pull', 'GET', v)).body);
		expect(old.rounds.map((r) => r.kind)).toEqual(['sampling']);
	});

	it('answers 400 naming the field for a definition that does not fit its kind', async () => {
		for (const [body, field] of [
			[{ date: '2026-11-23', kind: 'survey', definition: { fields: [] } }, 'definition.fields'],
			[{ date: '2026-11-23', kind: 'distribution' }, 'definition'],
			[
				{ date: '2026-11-23', kind: 'disinfection', definition: { ...DISINFECTION_DEF, passesPerDay: 0 } },
				'definition.passesPerDay'
			]
		] as const) {
			const r = await create(body);
			expect(r.status, JSON.stringify(body)).toBe(400);
			expect(r.body.issues).toEqual([expect.stringMatching(new RegExp(`^${field.replace('.', '\\.')}:`))]);
		}
	});

	it('edits a survey and closes a round; refuses volunteers, other teams and other kinds', async () => {
		const token = await lead();
		const survey = roundResponseSchema.parse(
			(await create({ date: '2026-11-24', kind: 'survey', definition: SURVEY_FORM })).body
		).round;
		const sampling = (await (
			await store()
		).get<{ id: string }>("SELECT id FROM rounds WHERE team_id = ? AND kind = 'sampling'", [DEMO_TEAM.id]))!.id;
		const v = await enrolled(DEMO.volunteerCode, '小李');
		const leadB = await enrolled(TEAM_B.leadCode, '乙队长');
		const shorter = { fields: SURVEY_FORM.fields.slice(0, 1) };
		const refused = [
			await edit(undefined, survey.id, shorter),
			await edit(v, survey.id, shorter),
			await edit(leadB, survey.id, shorter),
			await edit(token, survey.id, shorter, `?team=${TEAM_B.id}`),
			await edit(token, sampling, shorter),
			await edit(token, 'round-b', shorter),
			await edit(token, survey.id, { fields: [{ id: 'x', type: 'date' }] }),
			await close(undefined, survey.id),
			await close(v, survey.id),
			await close(leadB, survey.id),
			await close(token, 'round-b')
		];
		expect(refused.map((r) => r.status)).toEqual([401, 403, 404, 403, 409, 404, 400, 401, 403, 404, 404]);
		const edited = await edit(token, survey.id, shorter);
		expect(edited.status).toBe(200);
		expect(roundResponseSchema.parse(edited.body).round).toEqual({ ...survey, definition: { version: 1, ...shorter } });
		const closed = await close(token, survey.id);
		expect(roundResponseSchema.parse(closed.body).round.active).toBe(false);
	});
});
