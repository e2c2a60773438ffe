import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	assignmentListResponseSchema,
	assignRequestSchema,
	assignResponseSchema,
	enrolResponseSchema,
	pullResponseSchema,
	unassignResponseSchema
} from '$lib/domain/api';
import { HttpError, parseBody } from '$lib/server/http';
import { store } from '$lib/server/store';
import { secondTeam, TEAM_B, DEMO, seedDemo } from '$lib/server/testing/fixtures';
import { POST as enrolPost } from '../enrol/+server';
import { GET as pullGet, fallback as pullOther } from '../sync/pull/+server';
import { POST as pushPost, fallback as pushOther } from '../sync/push/+server';
import { GET as listGet, POST as assignPost, fallback as assignOther } from './+server';
import { DELETE as unassignDelete } from './[id]/+server';

// The endpoints open the process's store from the environment; point it at a throwaway file.
const dir = mkdtempSync(join(tmpdir(), 'doorstep-assign-'));
process.env.DATABASE_URL = '';
process.env.DATA_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Handler = (event: never) => Response | Promise<Response>;

async function call(handler: Handler, path: string, init: RequestInit & { token?: string } = {}, params = {}) {
	const url = new URL(path, 'http://localhost');
	const headers = new Headers(init.headers);
	if (init.token !== undefined) headers.set('authorization', init.token);
	if (init.body !== undefined) headers.set('content-type', 'application/json');
	const response = await handler({
		request: new Request(url, { ...init, headers }),
		url,
		params,
		getClientAddress: () => '127.0.0.1'
	} as never);
	expect(response.headers.get('content-type')).toMatch(/json/);
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function enrolled(code: string, volunteer: string) {
	const { body } = await call(enrolPost, '/api/enrol', { method: 'POST', body: JSON.stringify({ code, volunteer }) });
	const e = enrolResponseSchema.parse(body);
	return { ...e, bearer: `Bearer ${e.token}` };
}

let volunteer: Awaited<ReturnType<typeof enrolled>>;
let lead: Awaited<ReturnType<typeof enrolled>>;
let leadB: Awaited<ReturnType<typeof enrolled>>;
let revoked: Awaited<ReturnType<typeof enrolled>>;

beforeAll(async () => {
	await seedDemo(await store());
	volunteer = await enrolled(DEMO.volunteerCode, '小王');
	lead = await enrolled(DEMO.leadCode, '老李');
	revoked = await enrolled(DEMO.volunteerCode, '丢手机');
	const db = await store();
	await secondTeam(db);
	leadB = await enrolled(TEAM_B.leadCode, '乙队长');
	await db.run('UPDATE devices SET revoked_at = ? WHERE id = ?', ['2026-11-23T10:00:00Z', revoked.deviceId]);
});

const assignBody = (building: string, unit: string | null = null, deviceId = volunteer.deviceId) =>
	JSON.stringify({ deviceId, building, unit });

describe('assignment endpoints', () => {
	it('let the lead assign, list and take back, and the volunteer pull is told to resync', async () => {
		const first = await call(pullGet, '/api/sync/pull', { token: volunteer.bearer });
		const page = pullResponseSchema.parse(first.body);
		expect(page.scope).toBe(0);

		const made = await call(assignPost, '/api/assignments', {
			method: 'POST',
			token: lead.bearer,
			body: assignBody('2')
		});
		expect(made.status).toBe(201);
		const { assignment } = assignResponseSchema.parse(made.body);
		const again = await call(assignPost, '/api/assignments', {
			method: 'POST',
			token: lead.bearer,
			body: assignBody(' 2 ')
		});
		expect(again.status).toBe(200);
		expect(assignResponseSchema.parse(again.body)).toEqual({ assignment, created: false });
		const list = await call(listGet, '/api/assignments', { token: lead.bearer });
		expect(assignmentListResponseSchema.parse(list.body).assignments).toEqual([assignment]);

		const next = await call(pullGet, `/api/sync/pull?cursor=${page.cursor}&scope=${page.scope}`, {
			token: volunteer.bearer
		});
		expect(pullResponseSchema.parse(next.body).resync).toBe('scope-changed');

		const gone = await call(
			unassignDelete,
			`/api/assignments/${assignment.id}`,
			{ method: 'DELETE', token: lead.bearer },
			{ id: assignment.id }
		);
		expect(gone.status).toBe(200);
		expect(unassignResponseSchema.parse(gone.body)).toEqual({ id: assignment.id, alreadyRemoved: false });
		const twice = await call(
			unassignDelete,
			'/api/assignments/x',
			{ method: 'DELETE', token: lead.bearer },
			{ id: assignment.id }
		);
		expect(twice.body).toEqual({ id: assignment.id, alreadyRemoved: true });
	});

	it('refuse a volunteer with 403 and another team with 404, changing nothing', async () => {
		const made = await call(assignPost, '/api/assignments', {
			method: 'POST',
			token: lead.bearer,
			body: assignBody('1')
		});
		const { assignment } = assignResponseSchema.parse(made.body);
		const del = (token: string) =>
			call(unassignDelete, '/api/assignments/x', { method: 'DELETE', token }, { id: assignment.id });

		expect((await call(listGet, '/api/assignments', { token: volunteer.bearer })).status).toBe(403);
		expect(
			(await call(assignPost, '/api/assignments', { method: 'POST', token: volunteer.bearer, body: assignBody('3') }))
				.status
		).toBe(403);
		expect((await del(volunteer.bearer)).status).toBe(403);

		expect(
			assignmentListResponseSchema.parse((await call(listGet, '/api/assignments', { token: leadB.bearer })).body)
				.assignments
		).toEqual([]);
		expect((await del(leadB.bearer)).status).toBe(404);
		const foreign = await call(assignPost, '/api/assignments', {
			method: 'POST',
			token: leadB.bearer,
			body: assignBody('1')
		});
		expect(foreign).toEqual({ status: 404, body: { error: 'deviceId: no such device in this team' } });

		const list = assignmentListResponseSchema.parse(
			(await call(listGet, '/api/assignments', { token: lead.bearer })).body
		);
		expect(list.assignments.map((a) => a.id)).toContain(assignment.id);
	});

	it('answer 400 naming the field for a bad body or id', async () => {
		const bad = await call(assignPost, '/api/assignments', {
			method: 'POST',
			token: lead.bearer,
			body: JSON.stringify({ deviceId: 7, building: '' })
		});
		expect(bad.status).toBe(400);
		expect(bad.body.issues).toEqual([expect.stringMatching(/^deviceId:/), expect.stringMatching(/^building:/)]);
		const notJson = await call(assignPost, '/api/assignments', {
			method: 'POST',
			token: lead.bearer,
			body: '{"deviceId":'
		});
		expect(notJson).toMatchObject({ status: 400, body: { error: 'body is not valid JSON' } });
		const longId = await call(
			unassignDelete,
			'/api/assignments/x',
			{ method: 'DELETE', token: lead.bearer },
			{ id: 'x'.repeat(65) }
		);
		expect(longId.status).toBe(400);
	});
});

describe('every endpoint refuses a device it cannot trust', () => {
	const forged = 'Bearer ' + 'A'.repeat(43);
	const cases: [string, string | undefined][] = [
		['no token', undefined],
		['an empty header', ''],
		['a malformed token', 'Bearer not a token'],
		['another scheme', `Basic ${'a'.repeat(40)}`],
		['a forged token', forged]
	];
	const requests = (token: string | undefined) => [
		call(pullGet, '/api/sync/pull', { token }),
		call(pushPost, '/api/sync/push', { method: 'POST', token, body: JSON.stringify({ events: [] }) }),
		call(listGet, '/api/assignments', { token }),
		call(assignPost, '/api/assignments', { method: 'POST', token, body: assignBody('1') }),
		call(unassignDelete, '/api/assignments/x', { method: 'DELETE', token }, { id: 'x' })
	];

	it.each(cases)('answers 401 to %s on every endpoint', async (_name, token) => {
		for (const r of await Promise.all(requests(token))) {
			expect(r.status).toBe(401);
			expect(r.body.error).toEqual(expect.any(String));
		}
	});

	it('answers 401 saying "revoked" to a revoked device on every endpoint but the push, where it may hand in', async () => {
		const [pull, push, ...rest] = await Promise.all(requests(revoked.bearer));
		for (const r of [pull, ...rest]) {
			expect(r).toEqual({
				status: 401,
				body: { error: 'this device has been revoked by the team lead', revoked: true }
			});
		}
		expect(push).toEqual({ status: 200, body: { results: [] } });
	});

	it('answers a wrong method with 405 in JSON and the allowed methods', async () => {
		for (const [handler, path] of [
			[pullOther, '/api/sync/pull'],
			[pushOther, '/api/sync/push'],
			[assignOther, '/api/assignments']
		] as const) {
			const r = await call(handler, path, { method: 'PATCH', token: lead.bearer });
			expect(r.status).toBe(405);
			expect(r.body.error).toMatch(/PATCH is not allowed/);
		}
	});
});

describe('parseBody', () => {
	const streaming = (error: unknown) =>
		new Request('http://localhost/api/assignments', {
			method: 'POST',
			body: new ReadableStream({
				pull(controller) {
					controller.error(error);
				}
			}),
			duplex: 'half'
		} as RequestInit);

	it('answers 413, not 500, when a body without a length grows past the limit', async () => {
		const tooBig = Object.assign(new Error('Payload Too Large'), { status: 413 });
		await expect(parseBody(streaming(tooBig), assignRequestSchema)).rejects.toMatchObject({ status: 413 });
		await expect(parseBody(streaming(new Error('aborted')), assignRequestSchema)).rejects.toBeInstanceOf(HttpError);
	});
});
