import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { enrolResponseSchema, pushResponseSchema } from '$lib/domain/api';
import { MAX_BODY_BYTES, MAX_UNAUTH_BODY_BYTES } from '$lib/server/http';
import { STORES } from '$lib/server/testing/stores';
import { DEMO, seedDemo } from '$lib/server/testing/fixtures';

/**
 * Hostile bodies against the real endpoints, on each store: the process's store comes from the
 * environment and is opened once per module graph, so each store gets fresh route modules.
 */
type Handler = (event: never) => Response | Promise<Response>;

const cancelled = new WeakSet<ReadableStream>();

/**
 * A chunked body (no length) of `chunk`-byte pieces, counting what the server pulled. After
 * `hangAfter` bytes it stops sending without ending, as a client that is still uploading: a
 * server that waits for the whole body before answering never answers.
 */
function body(chunk = 1024, hangAfter = Infinity) {
	const pulled = { bytes: 0 };
	const bytes = new TextEncoder().encode('{"code":"' + 'A'.repeat(chunk));
	const stream: ReadableStream<Uint8Array> = new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				if (pulled.bytes >= hangAfter) return new Promise(() => {});
				pulled.bytes += bytes.byteLength;
				controller.enqueue(bytes);
			},
			cancel() {
				cancelled.add(stream);
			}
		},
		{ highWaterMark: 0 }
	);
	return { stream, pulled };
}

async function call(handler: Handler, init: RequestInit & { duplex?: 'half' }, path = '/api/x') {
	const url = new URL(path, 'http://localhost');
	const response = await handler({
		request: new Request(url, init),
		url,
		getClientAddress: () => '127.0.0.1'
	} as never);
	return {
		status: response.status,
		headers: response.headers,
		body: (await response.json()) as Record<string, unknown>
	};
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
	method: 'POST',
	body: typeof body === 'string' ? body : JSON.stringify(body),
	headers: { 'content-type': 'application/json', ...headers }
});

function nestedJson(depth: number): string {
	return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

describe.each(STORES)('request limits on $name', (kind) => {
	let routes: {
		enrol: Handler;
		push: Handler;
		assign: Handler;
		roster: Handler;
		rounds: Handler;
	};
	let dispose = async () => {};
	let volunteer = '';
	let lead = '';

	beforeAll(async () => {
		vi.resetModules();
		if (kind.name === 'postgres') {
			const opened = await kind.open();
			await opened.db.close();
			process.env.DATABASE_URL = opened.url;
			dispose = async () => {
				const { store } = await import('$lib/server/store');
				await (await store()).close();
				await opened.dispose().catch(() => undefined);
			};
		} else {
			const dir = mkdtempSync(join(tmpdir(), 'doorstep-limits-'));
			process.env.DATABASE_URL = '';
			process.env.DATA_DIR = dir;
			dispose = async () => rmSync(dir, { recursive: true, force: true });
		}
		routes = {
			enrol: (await import('./enrol/+server')).POST,
			push: (await import('./sync/push/+server')).POST,
			assign: (await import('./assignments/+server')).POST,
			roster: (await import('./roster/+server')).POST,
			rounds: (await import('./lead/rounds/+server')).POST
		};
		const enrol = async (code: string) => {
			const res = await call(routes.enrol, json({ code, volunteer: '小王' }));
			expect(res.status).toBe(200);
			return `Bearer ${enrolResponseSchema.parse(res.body).token}`;
		};
		const { store } = await import('$lib/server/store');
		expect((await store()).dialect).toBe(kind.name);
		await seedDemo(await store());
		volunteer = await enrol(DEMO.volunteerCode);
		lead = await enrol(DEMO.leadCode);
	});
	afterAll(() => dispose());

	const send = (handler: Handler, stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
		call(handler, { ...json('', headers), body: stream, duplex: 'half' });

	it('enrol answers 413 once a chunked body passes a few KB, without waiting for the rest', async () => {
		// The client is still sending just past the cap; the answer must not wait for it.
		const { stream, pulled } = body(1024, MAX_UNAUTH_BODY_BYTES + 1);
		const res = await send(routes.enrol, stream);
		expect(res.status).toBe(413);
		expect(res.body.error).toBe(`body larger than ${MAX_UNAUTH_BODY_BYTES} bytes`);
		expect(pulled.bytes).toBeLessThanOrEqual(MAX_UNAUTH_BODY_BYTES + 1100);
	});

	it('drops the rest of a refused endless body as it arrives, then cuts it off', async () => {
		const { stream, pulled } = body(64 * 1024);
		expect((await send(routes.enrol, stream)).status).toBe(413);
		await expect.poll(() => cancelled.has(stream), { timeout: 20_000 }).toBe(true);
		expect(pulled.bytes).toBeLessThanOrEqual(8 * 1024 * 1024 + 2 * 64 * 1024 + 20);
	});

	it('enrol refuses a declared length over the cap before reading anything', async () => {
		const { stream, pulled } = body(1024, 0);
		const res = await send(routes.enrol, stream, { 'content-length': String(7 * 1024 * 1024) });
		expect(res.status).toBe(413);
		expect(pulled.bytes).toBe(0);
	});

	it('an authenticated push answers 413 at its own cap, chunked too', async () => {
		const { stream, pulled } = body(64 * 1024, MAX_BODY_BYTES + 1);
		expect((await send(routes.push, stream, { authorization: volunteer })).status).toBe(413);
		expect(pulled.bytes).toBeLessThanOrEqual(MAX_BODY_BYTES + 64 * 1024 + 20);
	});

	it('the roster import refuses a volunteer before reading its body', async () => {
		const { stream, pulled } = body(64 * 1024, 0);
		const res = await send(routes.roster, stream, { authorization: volunteer });
		expect(res.status).toBe(403);
		expect(pulled.bytes).toBe(0);
	});

	it('refuses NUL in any text field of any body with the same 400', async () => {
		const enrol = await call(routes.enrol, json({ code: DEMO.volunteerCode, volunteer: '小\u0000王' }));
		expect(enrol).toMatchObject({
			status: 400,
			body: { error: 'volunteer: contains a NUL character, which cannot be stored' }
		});
		const assign = await call(routes.assign, json({ deviceId: 'x', building: '1\u0000' }, { authorization: lead }));
		expect(assign).toMatchObject({
			status: 400,
			body: { error: 'building: contains a NUL character, which cannot be stored' }
		});
		const round = await call(routes.rounds, json({ date: '2026-12-01', ['kind\u0000']: 'x' }, { authorization: lead }));
		expect(round).toMatchObject({ status: 400, body: { error: 'body: a field name contains a NUL character' } });
		const roster = await call(
			routes.roster,
			json({ households: [{ building: '1', head: 'a\u0000' }] }, { authorization: lead })
		);
		expect(roster).toMatchObject({
			status: 400,
			body: { error: 'households.0.head: contains a NUL character, which cannot be stored' }
		});
	});

	it('bounds pending and every number: 400, never a 500', async () => {
		for (const pending of ['2147483648', '1e400', '9007199254740993', '-1', '1.5']) {
			const res = await call(routes.push, json(`{"events":[],"pending":${pending}}`, { authorization: volunteer }));
			expect(res.status, pending).toBe(400);
		}
		const floor = await call(
			routes.assign,
			json('{"deviceId":"x","building":"1","unit":"1","floor":1e400}', { authorization: lead })
		);
		expect(floor).toMatchObject({ status: 400, body: { error: 'floor: number out of range' } });
	});

	it('refuses a deeply nested body with a 400, and a deeply nested event on its own', async () => {
		const body = await call(routes.assign, json(nestedJson(50_000), { authorization: lead }));
		expect(body.status).toBe(400);
		expect(body.body.error).toMatch(/nested deeper than 16 levels$/);
		const push = await call(
			routes.push,
			json(`{"events":[${nestedJson(50_000)},{"id":"x"}],"pending":2}`, { authorization: volunteer })
		);
		expect(push.status).toBe(200);
		const { results } = pushResponseSchema.parse(push.body);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
		expect(results[0].reason).toMatch(/nested deeper than 8 levels$/);
		expect(results[1].reason).toMatch(/^v:/);
	});
});
