import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolResponseSchema } from '$lib/domain/api';
import { leadDevicesResponseSchema } from '$lib/domain/lead-api';
import { writeOffResponseSchema, writeOffStatusSchema } from '$lib/domain/write-off';
import { POST as enrolPost } from '../../enrol/+server';
import { GET as devicesGet } from '../../lead/devices/+server';
import { GET as pullGet } from '../../sync/pull/+server';
import { POST as decidePost } from '../../lead/devices/[id]/write-off/+server';
import { GET as statusGet, POST as writeOffPost } from './+server';
import { DEMO, seedDemo } from '$lib/server/testing/fixtures';
import { store } from '$lib/server/store';

// The endpoints open the process's store from the environment; point it at a throwaway file.
const dir = mkdtempSync(join(tmpdir(), 'doorstep-write-off-'));
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

const writeOff = (body: unknown, token?: string) =>
	call(writeOffPost, '/api/me/write-off', {
		method: 'POST',
		body: JSON.stringify(body),
		headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }
	});

async function enrolAs(code: string, volunteer: string) {
	const { body } = await call(enrolPost, '/api/enrol', {
		method: 'POST',
		body: JSON.stringify({ code, volunteer }),
		headers: { 'content-type': 'application/json' }
	});
	return enrolResponseSchema.parse(body);
}

const written = async () =>
	Number((await (await store()).get<{ n: number }>('SELECT COUNT(*) AS n FROM written_off'))?.n);

describe('the write-off endpoint', () => {
	it('refuses no device (401), a device waiting for approval (403) and a bad body (400), recording nothing', async () => {
		expect((await writeOff({ ids: ['e1'], last: true })).status).toBe(401);
		expect((await writeOff({ ids: ['e1'], last: true }, 'x'.repeat(40))).status).toBe(401);
		const waiting = await enrolAs(DEMO.volunteerCode, '待批');
		await (await store()).run("UPDATE devices SET status = 'pending' WHERE id = ?", [waiting.deviceId]);
		expect((await writeOff({ ids: ['e1'], last: true }, waiting.token)).status).toBe(403);
		const phone = await enrolAs(DEMO.volunteerCode, '坏请求');
		const bad = await writeOff({ ids: 'e1', last: true }, phone.token);
		expect(bad).toMatchObject({ status: 400, body: { issues: [expect.stringMatching(/^ids:/)] } });
		expect(await written()).toBe(0);
	});

	it('files a device’s own request, retires it, and its lead (only) sees and decides it', async () => {
		const phone = await enrolAs(DEMO.volunteerCode, '忘码');
		const lead = await enrolAs(DEMO.leadCode, '组长');
		const done = await writeOff({ ids: ['w1', 'w2'], last: true }, phone.token);
		expect(done.status).toBe(200);
		expect(writeOffResponseSchema.parse(done.body)).toEqual({ lost: 2, alreadyIn: 0 });
		const pulled = await call(pullGet, '/api/sync/pull?cursor=0', {
			headers: { authorization: `Bearer ${phone.token}` }
		});
		expect(pulled).toMatchObject({ status: 401, body: { revoked: true } });
		const asked = () =>
			call(statusGet, '/api/me/write-off', { headers: { authorization: `Bearer ${phone.token}` } }).then((r) =>
				writeOffStatusSchema.parse(r.body)
			);
		expect(await asked()).toEqual({ status: 'pending', decidedAt: null });
		const seen = await call(devicesGet, '/api/lead/devices', { headers: { authorization: `Bearer ${lead.token}` } });
		const row = leadDevicesResponseSchema.parse(seen.body).devices.find((d) => d.id === phone.deviceId);
		expect(row).toMatchObject({
			writtenOff: 0,
			writeOff: { status: 'pending', unsent: 2 },
			revokedAt: expect.any(String)
		});
		const volunteer = await enrolAs(DEMO.volunteerCode, '旁人');
		const refused = await call(devicesGet, '/api/lead/devices', {
			headers: { authorization: `Bearer ${volunteer.token}` }
		});
		expect(refused.status).toBe(403);

		// The route's handler reads the device id from the path's params.
		const withParams =
			(id: string): Handler =>
			(event: never) =>
				decidePost({ ...(event as object), params: { id } } as never);
		const decideAs = (body: unknown, token?: string, id = phone.deviceId) =>
			call(withParams(id), `/api/lead/devices/${id}/write-off`, {
				method: 'POST',
				body: JSON.stringify(body),
				headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }
			});
		expect((await decideAs({ approve: true })).status).toBe(401);
		expect((await decideAs({ approve: true }, volunteer.token)).status).toBe(403);
		expect((await decideAs({ approve: true }, phone.token)).status).toBe(401);
		expect((await decideAs({ approve: 'yes' }, lead.token)).status).toBe(400);
		expect((await decideAs({ approve: true }, lead.token, 'no-such-device')).status).toBe(404);
		expect(await asked()).toEqual({ status: 'pending', decidedAt: null });
		const approved = await decideAs({ approve: true }, lead.token);
		expect(approved).toMatchObject({
			status: 200,
			body: { device: { writtenOff: 2, writeOff: { status: 'approved' } } }
		});
		expect((await decideAs({ approve: true }, lead.token)).status).toBe(200);
		expect((await decideAs({ approve: false }, lead.token)).status).toBe(409);
		expect((await asked()).status).toBe('approved');
	});
});
