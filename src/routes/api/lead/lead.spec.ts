import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolResponseSchema, pullResponseSchema } from '$lib/domain/api';
import {
	leadDevicesResponseSchema,
	orderResponseSchema,
	revokeResponseSchema,
	roundResponseSchema,
	roundsResponseSchema,
	shiftResponseSchema
} from '$lib/domain/lead-api';
import { DEMO_TEAM } from '$lib/server/demo';
import { invitationsResponseSchema } from '$lib/domain/org-api';
import { store } from '$lib/server/store';
import { refreshDemoCodes, secondTeam, seedDemo, TEAM_B, DEMO } from '$lib/server/testing/fixtures';
import { POST as enrolPost } from '../enrol/+server';
import { GET as pullGet } from '../sync/pull/+server';
import { POST as revokePost } from './devices/[id]/revoke/+server';
import { GET as devicesGet } from './devices/+server';
import { POST as ordersPost } from './orders/+server';
import { GET as roundsGet, POST as roundsPost } from './rounds/+server';
import { GET as quarantineGet } from './quarantine/+server';
import { GET as shiftGet } from './shift/+server';
import { GET as teamGet } from './team/+server';

// The endpoints open the process's store from the environment: a throwaway SQLite file, or
// with TEST_DATABASE_URL a throwaway PostgreSQL schema, so both stores answer these too.
const dir = mkdtempSync(join(tmpdir(), 'doorstep-lead-api-'));
const schema = `t_lead_api_${process.pid}_${Date.now()}`;
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

async function call(handler: Handler, path: string, init: RequestInit = {}, params: Record<string, string> = {}) {
	const url = new URL(path, 'http://localhost');
	const response = await handler({
		request: new Request(url, init),
		url,
		params,
		getClientAddress: () => '127.0.0.1'
	} as never);
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const get = (handler: Handler, path: string, token: string) => call(handler, path, { headers: bearer(token) });
const post = (handler: Handler, path: string, token: string, body?: unknown, params: Record<string, string> = {}) =>
	call(
		handler,
		path,
		{
			method: 'POST',
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
			headers: { 'content-type': 'application/json', ...bearer(token) }
		},
		params
	);
const revoke = (token: string, id: string) =>
	post(revokePost, `/api/lead/devices/${id}/revoke`, token, undefined, { id });

async function enrolled(code: string, volunteer = '小王') {
	const { status, body } = await call(enrolPost, '/api/enrol', {
		method: 'POST',
		body: JSON.stringify({ code, volunteer }),
		headers: { 'content-type': 'application/json' }
	});
	expect(status).toBe(200);
	return enrolResponseSchema.parse(body);
}

/** The team's lead, enrolled once: a second lead code enrolment would wait for approval. */
let lead: Awaited<ReturnType<typeof enrolled>> | undefined;
const theLead = async () => (lead ??= await enrolled(DEMO.leadCode, '队长'));

describe('lead endpoints refuse what is not a lead of the team', () => {
	it('answer 401 without a token and 403 to a volunteer, before reading the body', async () => {
		const v = await enrolled(DEMO.volunteerCode);
		const none = await call(teamGet, '/api/lead/team');
		expect(none.status).toBe(401);
		const refused = [
			await get(teamGet, '/api/lead/team', v.token),
			await get(devicesGet, '/api/lead/devices', v.token),
			await revoke(v.token, v.deviceId),
			await get(roundsGet, '/api/lead/rounds', v.token),
			await post(roundsPost, '/api/lead/rounds', v.token, '{not json'),
			await post(ordersPost, '/api/lead/orders', v.token, {}),
			await get(shiftGet, '/api/lead/shift?since=2026-11-23T17:00:00Z', v.token),
			await get(quarantineGet, '/api/lead/quarantine', v.token)
		];
		expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 403, 403]);
		expect(refused[0].body.error).toMatch(/lead/);
	});

	it('answer 403 naming team to a lead asking for another team', async () => {
		const lead = await theLead();
		const { status, body } = await get(devicesGet, `/api/lead/devices?team=${TEAM_B.id}`, lead.token);
		expect(status).toBe(403);
		expect(body.error).toMatch(/^team:/);
		const refused = await get(quarantineGet, `/api/lead/quarantine?team=${TEAM_B.id}`, lead.token);
		expect(refused.status).toBe(403);
		expect(refused.body.error).toMatch(/^team:/);
	});
});

describe('team and devices endpoints', () => {
	it('give the lead its enrolment codes and its devices', async () => {
		const lead = await theLead();
		const team = await get(teamGet, '/api/lead/team', lead.token);
		expect(team.status).toBe(200);
		expect(invitationsResponseSchema.parse(team.body)).toMatchObject({
			team: { id: DEMO_TEAM.id, name: DEMO_TEAM.name },
			volunteer: { code: DEMO.volunteerCode },
			lead: { code: DEMO.leadCode }
		});
		const v = await enrolled(DEMO.volunteerCode, '小刘');
		const devices = await get(devicesGet, '/api/lead/devices', lead.token);
		expect(devices.status).toBe(200);
		const listed = leadDevicesResponseSchema.parse(devices.body).devices;
		expect(listed.find((d) => d.id === v.deviceId)).toMatchObject({
			volunteer: '小刘',
			role: 'volunteer',
			revokedAt: null
		});
	});
});

describe('revoke endpoint', () => {
	it('revokes a volunteer device, whose next pull is refused with 401', async () => {
		const lead = await theLead();
		const v = await enrolled(DEMO.volunteerCode);
		expect((await get(pullGet, '/api/sync/pull?limit=1', v.token)).status).toBe(200);
		const done = await revoke(lead.token, v.deviceId);
		// With approval off, a revoke rotates the volunteer code: the revoked person knows it.
		await refreshDemoCodes(await store());
		expect(done.status).toBe(200);
		const device = revokeResponseSchema.parse(done.body).device;
		expect(device).toMatchObject({ id: v.deviceId, revokedAt: expect.any(String) });
		const after = await get(pullGet, '/api/sync/pull?limit=1', v.token);
		expect(after.status).toBe(401);
		expect(after.body.error).toMatch(/revoked/);
		const again = await revoke(lead.token, v.deviceId);
		expect(again.status).toBe(200);
		expect(revokeResponseSchema.parse(again.body).device.revokedAt).toBe(device.revokedAt);
	});

	it('answers 404 for another team’s device and leaves it working', async () => {
		const lead = await theLead();
		const b = await enrolled(TEAM_B.enrolCode);
		const { status, body } = await revoke(lead.token, b.deviceId);
		expect(status).toBe(404);
		expect(body.error).toMatch(/^id:/);
		expect((await get(pullGet, '/api/sync/pull?limit=1', b.token)).status).toBe(200);
	});

	it('answers 409 to a lead revoking its own device and 400 for a malformed id', async () => {
		const lead = await theLead();
		const self = await revoke(lead.token, lead.deviceId);
		expect(self.status).toBe(409);
		expect(self.body.error).toMatch(/^id:/);
		expect((await get(teamGet, '/api/lead/team', lead.token)).status).toBe(200);
		expect((await revoke(lead.token, 'x'.repeat(65))).status).toBe(400);
	});
});

describe('rounds endpoint', () => {
	it('creates the one active round, which a volunteer then pulls', async () => {
		const lead = await theLead();
		const v = await enrolled(DEMO.volunteerCode);
		const first = pullResponseSchema.parse((await get(pullGet, '/api/sync/pull', v.token)).body);
		expect(first.more).toBe(false);

		const made = await post(roundsPost, '/api/lead/rounds', lead.token, { date: '2026-11-24', kind: 'sampling' });
		expect(made.status).toBe(201);
		const round = roundResponseSchema.parse(made.body).round;
		expect(round).toMatchObject({ date: '2026-11-24', kind: 'sampling', active: true });

		const listed = roundsResponseSchema.parse((await get(roundsGet, '/api/lead/rounds', lead.token)).body).rounds;
		expect(listed.filter((r) => r.active)).toEqual([round]);
		expect(listed.length).toBeGreaterThan(1);

		const next = pullResponseSchema.parse((await get(pullGet, `/api/sync/pull?cursor=${first.cursor}`, v.token)).body);
		expect(next.rounds).toContainEqual(round);
		expect(next.rounds.filter((r) => r.active)).toEqual([round]);
	});

	it('answers a retry carrying the same id with 200 and the same round', async () => {
		const lead = await theLead();
		const body = { id: 'round-retry-1', date: '2026-11-26', kind: 'sampling' };
		const first = await post(roundsPost, '/api/lead/rounds', lead.token, body);
		const again = await post(roundsPost, '/api/lead/rounds', lead.token, body);
		expect([first.status, again.status]).toEqual([201, 200]);
		expect(again.body).toEqual(first.body);
		const clash = await post(roundsPost, '/api/lead/rounds', lead.token, { ...body, date: '2026-11-27' });
		expect(clash.status).toBe(409);
	});

	it('answers 400 naming the field for a bad date or kind', async () => {
		const lead = await theLead();
		for (const [body, field] of [
			[{ date: '2026-02-30' }, 'date'],
			[{ date: '24/11/2026' }, 'date'],
			[{ date: '2026-11-24', kind: 'delivery' }, 'kind']
		] as const) {
			const { status, body: answer } = await post(roundsPost, '/api/lead/rounds', lead.token, body);
			expect(status, JSON.stringify(body)).toBe(400);
			expect(answer.issues).toEqual([expect.stringMatching(new RegExp(`^${field}:`))]);
		}
	});
});

describe('orders endpoint', () => {
	it('creates an order a volunteer then pulls, and refuses another team’s household', async () => {
		const lead = await theLead();
		const v = await enrolled(DEMO.volunteerCode);
		const first = pullResponseSchema.parse((await get(pullGet, '/api/sync/pull', v.token)).body);
		const made = await post(ordersPost, '/api/lead/orders', lead.token, {
			householdId: 'demo-1-1-101',
			items: ['退烧药'],
			urgency: 'medicine'
		});
		expect(made.status).toBe(201);
		const order = orderResponseSchema.parse(made.body).order;
		expect(order).toMatchObject({ householdId: 'demo-1-1-101', note: '', purchase: false });
		const next = pullResponseSchema.parse((await get(pullGet, `/api/sync/pull?cursor=${first.cursor}`, v.token)).body);
		expect(next.orders).toEqual([order]);

		const other = await post(ordersPost, '/api/lead/orders', lead.token, {
			householdId: TEAM_B.household,
			items: ['水'],
			urgency: 'normal'
		});
		expect(other.status).toBe(404);
		expect(other.body.error).toMatch(/^householdId:/);
	});

	it('answers 400 naming the field for an empty item list or an unknown urgency', async () => {
		const lead = await theLead();
		const { status, body } = await post(ordersPost, '/api/lead/orders', lead.token, {
			householdId: 'demo-1-1-101',
			items: [],
			urgency: 'soon'
		});
		expect(status).toBe(400);
		expect(body.issues).toEqual([expect.stringMatching(/^items:/), expect.stringMatching(/^urgency:/)]);
	});
});

describe('shift endpoint', () => {
	it('summarises the team since a time and answers 400 naming since when it is missing', async () => {
		const lead = await theLead();
		const missing = await get(shiftGet, '/api/lead/shift', lead.token);
		expect(missing.status).toBe(400);
		expect(missing.body.issues).toEqual([expect.stringMatching(/^since:/)]);
		const { status, body } = await get(shiftGet, '/api/lead/shift?since=2026-11-23T17:00:00%2B08:00', lead.token);
		expect(status).toBe(200);
		const shift = shiftResponseSchema.parse(body);
		expect(shift.since).toBe('2026-11-23T09:00:00.000Z');
		expect(shift.devices.map((d) => d.id)).toContain(lead.deviceId);
	});
});
