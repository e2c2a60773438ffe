import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolResponseSchema } from '$lib/domain/api';
import { POST as enrolPost } from '../../enrol/+server';
import { GET, PUT } from './+server';
import { DEMO, secondTeam, seedDemo, TEAM_B } from '$lib/server/testing/fixtures';
import { store } from '$lib/server/store';

// The endpoints open the process's store from the environment: a throwaway SQLite file, or
// with TEST_DATABASE_URL a throwaway PostgreSQL schema, so both stores answer these too.
const dir = mkdtempSync(join(tmpdir(), 'doorstep-photos-'));
const schema = `t_photos_api_${process.pid}_${Date.now()}`;
const pgUrl = process.env.TEST_DATABASE_URL;
process.env.DATABASE_URL = '';
process.env.DATA_DIR = dir;
const tokens = { volunteer: '', lead: '', leadB: '' };
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
	const db = await store();
	await seedDemo(db);
	await secondTeam(db);
	tokens.volunteer = await enrolAs(DEMO.volunteerCode, '拍照志愿');
	tokens.lead = await enrolAs(DEMO.leadCode, '看照组长');
	tokens.leadB = await enrolAs(TEAM_B.leadCode, '乙队组长');
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

async function call(handler: Handler, path: string, id: string, init: RequestInit = {}) {
	const url = new URL(path, 'http://localhost');
	return handler({ request: new Request(url, init), url, params: { id } } as never);
}

async function enrolAs(code: string, volunteer: string): Promise<string> {
	const res = await enrolPost({
		request: new Request('http://localhost/api/enrol', {
			method: 'POST',
			body: JSON.stringify({ code, volunteer }),
			headers: { 'content-type': 'application/json' }
		}),
		getClientAddress: () => '127.0.0.1'
	} as never);
	return enrolResponseSchema.parse(await res.json()).token;
}

const ID = '0190f0a0-1234-7abc-8def-0123456789ab';
const jpeg = (size = 3000, fill = 0): Uint8Array<ArrayBuffer> =>
	Uint8Array.from({ length: size }, (_, i) => (i < 3 ? [0xff, 0xd8, 0xff][i] : (i + fill) % 251));
const put = (id: string, body: Uint8Array<ArrayBuffer>, token?: string, type = 'image/jpeg') =>
	call(PUT, `/api/photos/${id}`, id, {
		method: 'PUT',
		body,
		headers: { 'content-type': type, ...(token && { authorization: `Bearer ${token}` }) }
	});
const get = (id: string, token?: string) =>
	call(GET, `/api/photos/${id}`, id, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const photoCount = async () =>
	Number((await (await store()).get<{ n: number }>('SELECT COUNT(*) AS n FROM photos'))?.n);

describe('PUT and GET /api/photos/:id', () => {
	it('refuses no device, a bad id, a wrong content type and a body over 1 MB, storing nothing', async () => {
		expect((await put(ID, jpeg())).status).toBe(401);
		expect((await put('not-a-uuid', jpeg(), tokens.volunteer)).status).toBe(400);
		expect((await put(ID, jpeg(), tokens.volunteer, 'image/png')).status).toBe(415);
		expect((await put(ID, new TextEncoder().encode('<svg/>'), tokens.volunteer)).status).toBe(415);
		expect((await put(ID, jpeg(1024 * 1024 + 1), tokens.volunteer)).status).toBe(413);
		expect(await photoCount()).toBe(0);
	});

	it('stores once (201), answers a retry as a duplicate (200) and other bytes with 409', async () => {
		const first = await put(ID, jpeg(), tokens.volunteer);
		expect(first.status).toBe(201);
		expect(await first.json()).toEqual({ id: ID, duplicate: false });
		const again = await put(ID, jpeg(), tokens.volunteer);
		expect(again.status).toBe(200);
		expect(await again.json()).toEqual({ id: ID, duplicate: true });
		expect((await put(ID, jpeg(3000, 9), tokens.volunteer)).status).toBe(409);
		expect(await photoCount()).toBe(1);
	});

	it("shows the photo to the team's lead only, privately cached; a volunteer gets 403, another team 404", async () => {
		const seen = await get(ID, tokens.lead);
		expect(seen.status).toBe(200);
		expect(seen.headers.get('content-type')).toBe('image/jpeg');
		expect(seen.headers.get('cache-control')).toMatch(/^private/);
		expect(new Uint8Array(await seen.arrayBuffer())).toEqual(jpeg());
		expect((await get(ID, tokens.volunteer)).status).toBe(403);
		expect((await get(ID, tokens.leadB)).status).toBe(404);
		expect((await get(ID)).status).toBe(401);
		expect((await get('0190f0a0-1234-7abc-8def-000000000000', tokens.lead)).status).toBe(404);
	});
});
