/**
 * Hostile and malformed requests against the REAL built server (`node build/index.js`), on
 * loopback only: every answer must be a 4xx in JSON (or, for a well-formed push of hostile
 * events, a 200 refusing each of them), never a 5xx; the store must be unchanged afterwards
 * (quarantine and the devices' last-sync columns aside); and the server must still serve a
 * valid request at the end. It builds nothing: `npm test` builds before the unit tests.
 * FUZZ_RUNS raises the number of generated requests (default 10,000).
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullResponseSchema, pushRequestSchema, pushResponseSchema } from '$lib/domain/api';
import { eventSchema, type FieldEvent } from '$lib/domain/schemas';
import { writeOffRequestSchema } from '$lib/domain/write-off';
import { assign } from '$lib/server/assignments';
import type { DeviceAuth } from '$lib/server/auth';
import { enrol, authenticate } from '$lib/server/auth';
import { openDb } from '$lib/server/db';
import { DEMO_TEAM, demoHouseholds } from '$lib/server/demo';
import { pushEvents } from '$lib/server/push';
import { hostileNeedEvents } from './needs-hostile';
import { deliveryRequest, secondTeam, TEAM_B, visit, DEMO, seedDemo } from '$lib/server/testing/fixtures';
import { careHostileEvents } from './care-hostile';
import { createRound } from '$lib/server/lead/rounds';
import { distribution, surveyAnswer, SURVEY_FORM } from '$tests/support/round-events';
import { residentFixture, residentHostile, type ResidentFixture } from './resident-hostile';
import { writeOffFixture, writeOffHostileDecisions } from './write-off-hostile';
import { FUZZ_PHOTO_ID, photoFixture, photosHostile } from './photos-hostile';
import { transferFixture, transferHostile, type TransferFixture } from './transfer-hostile';

// The built app as `npm start` serves it: our server (scripts/start.js) around the build.
const BUILD = resolve('build/handler.js');
const SERVER = resolve('scripts/start.js');
const built = existsSync(BUILD);
const PORT = Number(process.env.FUZZ_PORT ?? 4290);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const MAX_MS = Number(process.env.FUZZ_MAX_MS ?? 45_000);
/** Requests sent whatever the time (FUZZ_RUNS permitting). */
const MIN_RUNS = Math.min(RUNS, 1000);

/** A write-off body the endpoint would take (never sent with a real device's token). */
function validWriteOff(body: string): boolean {
	try {
		return writeOffRequestSchema.safeParse(JSON.parse(body)).success;
	} catch {
		return false;
	}
}

interface Device extends DeviceAuth {
	bearer: string;
}
interface Fixture {
	volunteer: Device;
	lead: Device;
	leadB: Device;
	volunteerB: Device;
	revoked: Device;
	roundId: string;
	assignmentId: string;
	foreignEventId: string;
	orderId: string;
	/** issue 12: a survey round of the demo team */
	surveyRoundId: string;
	resident: ResidentFixture;
	/** issue 9 (session 4): a device whose write-off request waits for the lead */
	asking: Device;
	/** issue 10 (session 4): an administrator and one request passed to team B */
	transfer: TransferFixture;
}

async function prepare(dir: string): Promise<Fixture> {
	const db = await openDb('', dir);
	try {
		await seedDemo(db, new Date('2026-11-23T08:00:00Z'));
		await secondTeam(db);
		const make = async (code: string, name: string): Promise<Device> => {
			const e = await enrol(db, code, name);
			if (!e) throw new Error(`no team for ${code}`);
			return { ...(await authenticate(db, `Bearer ${e.token}`)), bearer: `Bearer ${e.token}` };
		};
		const volunteer = await make(DEMO.volunteerCode, '小王');
		const lead = await make(DEMO.leadCode, '老李');
		const leadB = await make(TEAM_B.leadCode, '乙队长');
		const volunteerB = await make(TEAM_B.enrolCode, '乙队员');
		const revoked = await make(DEMO.volunteerCode, '丢手机');
		await db.run('UPDATE devices SET revoked_at = ? WHERE id = ?', ['2026-11-23T10:00:00Z', revoked.deviceId]);
		const round = await db.get<{ id: string }>('SELECT id FROM rounds WHERE team_id = ?', [DEMO_TEAM.id]);
		const roundId = round?.id ?? '';
		const { assignment } = await assign(db, lead, { deviceId: volunteer.deviceId, building: '1', unit: null });
		const request = deliveryRequest(volunteer, 'demo-1-1-101');
		await pushEvents(
			db,
			volunteer,
			[visit({ deviceId: volunteer.deviceId, roundId, householdId: 'demo-1-1-102' }), request],
			0
		);
		const foreign = visit({ deviceId: volunteerB.deviceId, roundId: 'round-b', householdId: TEAM_B.household });
		foreign.id = `foreign-${Date.now()}`;
		await pushEvents(db, volunteerB, [foreign], 0);
		const survey = await createRound(db, lead, { date: '2026-11-23', kind: 'survey', definition: SURVEY_FORM });
		const asking = await make(DEMO.volunteerCode, '忘码');
		await writeOffFixture(db, asking);
		await photoFixture(db, volunteer); // photos (issues 10, 12)
		return {
			surveyRoundId: survey.value.id,
			volunteer,
			lead,
			leadB,
			volunteerB,
			revoked,
			roundId,
			assignmentId: assignment.id,
			foreignEventId: foreign.id,
			orderId: request.order.id,
			resident: await residentFixture(db, lead, leadB),
			asking,
			transfer: await transferFixture(db, lead, leadB) // issue 10 (sessions 4, 8)
		};
	} finally {
		await db.close();
	}
}

const bearers = (f: Fixture) => ({
	volunteer: f.volunteer.bearer,
	volunteerId: f.volunteer.deviceId,
	revoked: f.revoked.bearer,
	lead: f.lead.bearer,
	leadB: f.leadB.bearer
});

/** What the fuzz must leave exactly as it was. */
function fingerprint(file: string): string {
	const db = new Database(file, { readonly: true });
	try {
		const hash = createHash('sha256');
		for (const sql of [
			'SELECT * FROM households ORDER BY id',
			'SELECT * FROM events ORDER BY id',
			'SELECT * FROM orders ORDER BY id',
			'SELECT * FROM assignments ORDER BY id',
			'SELECT * FROM rounds ORDER BY id',
			'SELECT * FROM round_versions ORDER BY round_id, version',
			'SELECT * FROM teams ORDER BY id',
			'SELECT * FROM written_off ORDER BY team_id, event_id',
			'SELECT * FROM team_lock ORDER BY team_id',
			'SELECT * FROM resident_requests ORDER BY id', // issue 10
			'SELECT * FROM resident_buildings ORDER BY token', // issue 10
			'SELECT * FROM desk_devices ORDER BY team_id, device_id', // issue 10 (session 4)
			'SELECT * FROM resident_ratings ORDER BY team_id, request_id', // issue 10 (session 4)
			'SELECT * FROM need_holders ORDER BY team_id, need_id', // issue 10 (session 4)
			'SELECT * FROM volunteer_skills ORDER BY device_id', // issue 10
			'SELECT * FROM need_promises ORDER BY team_id, kind', // issue 10
			'SELECT team_id, id, sha256, size, device_id, uploaded_at FROM photos ORDER BY team_id, id', // photos
			'SELECT * FROM need_transfers ORDER BY org_id, from_team_id, need_id', // issue 10 (session 4)
			// Not counters: a refused push still reserves its cursor values, which is harmless.
			'SELECT id, team_id, volunteer, role, token_hash, revoked_at FROM devices ORDER BY id'
		]) {
			hash.update(`${sql}\n${JSON.stringify(db.prepare(sql).all())}\n`);
		}
		return hash.digest('hex');
	} finally {
		db.close();
	}
}

const counts = (file: string) => {
	const db = new Database(file, { readonly: true });
	try {
		return Object.fromEntries(
			['households', 'events', 'orders', 'assignments', 'devices'].map((t) => [
				t,
				(db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n
			])
		);
	} finally {
		db.close();
	}
};

interface Req {
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: string;
	/** Send the body without a length, as chunks. */
	chunked?: boolean;
	/** json4xx: a 4xx with {error}; rejected: 200, every event refused; any4xx: a 4xx from the framework. */
	expect: 'json4xx' | 'rejected' | 'any4xx';
	events?: number;
}

interface Res {
	status: number;
	type: string;
	text: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function send(req: Req): Promise<Res> {
	return new Promise((done, fail) => {
		const headers: Record<string, string | number> = { ...req.headers };
		if (req.body !== undefined && !req.chunked) headers['content-length'] = Buffer.byteLength(req.body);
		let answered = false;
		const r = http.request(
			{ host: '127.0.0.1', port: PORT, method: req.method, path: req.path, headers, agent, timeout: 10_000 },
			(res) => {
				answered = true;
				const chunks: Buffer[] = [];
				let ended = false;
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					ended = true;
					done({
						status: res.statusCode ?? 0,
						type: String(res.headers['content-type'] ?? ''),
						text: Buffer.concat(chunks).toString()
					});
				});
				res.on('close', () => {
					if (!ended) fail(new Error('the answer was cut short'));
				});
				res.on('error', fail);
			}
		);
		r.on('timeout', () => r.destroy(new Error('timed out')));
		// A body refused for its size is answered before it is all sent; past a bound the server
		// cuts the rest off, and the rest of our write then fails after the answer came.
		r.on('error', (err: NodeJS.ErrnoException) => {
			if (answered && (err.code === 'EPIPE' || err.code === 'ECONNRESET')) return;
			fail(err);
		});
		if (req.body !== undefined && req.chunked) {
			for (let i = 0; i < req.body.length; i += 64 * 1024) r.write(req.body.slice(i, i + 64 * 1024));
		} else if (req.body !== undefined) r.write(req.body);
		r.end();
	});
}

function check(req: Req, res: Res): void {
	const label = `${req.method} ${req.path.slice(0, 120)} → ${res.status} ${res.text.slice(0, 200)}`;
	if (req.expect === 'rejected') {
		expect(res.status, label).toBe(200);
		const { results } = pushResponseSchema.parse(JSON.parse(res.text));
		expect(results, label).toHaveLength(req.events ?? -1);
		for (const r of results) expect(r.status, label).toBe('rejected');
		return;
	}
	expect(res.status >= 400 && res.status < 500, label).toBe(true);
	if (req.expect === 'json4xx') {
		expect(res.type, label).toMatch(/^application\/json/);
		const body = JSON.parse(res.text) as { error?: unknown };
		expect(typeof body.error, label).toBe('string');
	}
}

/** Would z.coerce.number().int() in [min, max] accept it? Such a value must not be generated. */
const acceptedNumber = (s: string, min: number, max: number) => {
	const n = Number(s);
	return Number.isInteger(n) && n >= min && n <= max;
};

function arbitraries(f: Fixture) {
	const ownTokens = [f.volunteer.bearer, f.lead.bearer, f.leadB.bearer, f.volunteerB.bearer];
	const badToken = fc.oneof(
		fc.constant(undefined),
		fc.constant(f.revoked.bearer),
		fc.constant(`Bearer ${'A'.repeat(43)}`),
		fc.string({ maxLength: 80 }).map((s) => `Bearer ${s}`),
		fc.string({ maxLength: 80 }),
		fc.constant(f.volunteer.bearer.replace('Bearer ', 'bearer  ')),
		fc.constant(f.volunteer.bearer + 'x')
	);
	const anyToken = fc.oneof(fc.constantFrom(...ownTokens), badToken);
	const auth = (t: string | undefined): Record<string, string> => (t === undefined ? {} : { authorization: t });
	const json = { 'content-type': 'application/json' };
	const weird = fc.string({ unit: 'grapheme', maxLength: 40 });

	// --- pull: odd query strings
	const badValue = (min: number, max: number) =>
		fc.oneof(
			weird.filter((s) => !acceptedNumber(s, min, max)),
			fc.constantFrom(
				'-1',
				'1.5',
				'NaN',
				'Infinity',
				'-0.5',
				'1e400',
				'99999999999999999999',
				'null',
				'[]',
				'0x',
				'true'
			),
			fc
				.double()
				.map(String)
				.filter((s) => !acceptedNumber(s, min, max))
		);
	const bounds = {
		cursor: [0, Number.MAX_SAFE_INTEGER],
		limit: [1, 2000],
		scope: [0, Number.MAX_SAFE_INTEGER]
	} as const;
	const pullBadQuery = fc
		.tuple(
			fc.array(fc.tuple(weird, weird), { maxLength: 4 }),
			fc.constantFrom('cursor', 'limit', 'scope'),
			fc.constantFrom(...ownTokens)
		)
		.chain(([extra, key, token]) =>
			badValue(bounds[key][0], bounds[key][1]).map((value): Req => {
				const q = new URLSearchParams([...extra.filter(([k]) => !(k in bounds)), [key, value]]);
				return { method: 'GET', path: `/api/sync/pull?${q}`, headers: auth(token), expect: 'json4xx' };
			})
		);
	const pullBadToken = fc.tuple(badToken, fc.string({ maxLength: 60 })).map(([token, q]): Req => ({
		method: 'GET',
		path: `/api/sync/pull?${encodeURI(q)}`,
		headers: auth(token),
		expect: 'json4xx'
	}));

	// --- push: hostile events in a well-formed envelope, each refused for its own reason
	const base = (): FieldEvent =>
		visit({
			deviceId: f.volunteer.deviceId,
			volunteer: f.volunteer.volunteer,
			roundId: f.roundId,
			householdId: 'demo-1-1-101'
		});
	const fresh = fc.uuid();
	const keys = [
		'id',
		'v',
		'type',
		'deviceId',
		'volunteer',
		'at',
		'householdId',
		'roundId',
		'outcome',
		'sampled',
		'residents',
		'tube',
		'note',
		'replaces'
	];
	const mutated = fc
		.tuple(fresh, fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 }))
		.map(([id, key, value]) => ({ ...base(), id, [key]: value }) as Record<string, unknown>)
		.filter((e) => !eventSchema.safeParse(e).success);
	const missing = fc.tuple(fresh, fc.constantFrom(...keys.filter((k) => k !== 'id'))).map(([id, key]) => {
		const e: Record<string, unknown> = { ...base(), id };
		delete e[key];
		return e;
	});
	const misplaced = fc.tuple(fresh, weird).chain(([id, s]) =>
		fc.constantFrom<Record<string, unknown>>(
			{ ...base(), id, householdId: `zz-${s}`.slice(0, 64) },
			{ ...base(), id, householdId: TEAM_B.household },
			{ ...base(), id, roundId: 'round-b' },
			{ ...base(), id, roundId: `zz-${s}`.slice(0, 64) },
			{ ...base(), id, deviceId: f.lead.deviceId },
			{ ...base(), id, deviceId: f.volunteerB.deviceId },
			// (Another team's event id is no longer refused: ids are keyed by team, issue 13.)
			{ ...base(), id, v: 2 },
			{ ...base(), id, v: -1 },
			{ ...base(), id, note: `a\u0000${s}` },
			{ ...base(), id, sampled: 5, residents: 1 },
			{ ...deliveryRequest(f.volunteer, TEAM_B.household), id },
			{ ...deliveryRequest(f.volunteer, `zz-${s}`.slice(0, 64)), id },
			{
				...deliveryRequest(f.volunteer, 'demo-1-1-101'),
				id,
				order: { ...deliveryRequest(f.volunteer, 'demo-1-1-101').order, id: f.orderId }
			},
			{
				id,
				v: 1,
				type: 'delivery_outcome',
				deviceId: f.volunteer.deviceId,
				volunteer: 'x',
				at: '2026-11-23T09:00:00Z',
				orderId: `zz-${s}`.slice(0, 64),
				outcome: 'delivered',
				collectedFen: 0,
				note: ''
			},
			{
				id,
				v: 1,
				type: 'void',
				deviceId: f.volunteer.deviceId,
				volunteer: 'x',
				at: '2026-11-23T09:00:00Z',
				householdId: TEAM_B.household,
				voids: [f.foreignEventId]
			},
			...careHostileEvents(f.volunteer.deviceId, id, TEAM_B.household)
		)
	);
	const hostileEvent = fc.oneof(
		mutated,
		missing,
		misplaced,
		fc.jsonValue({ maxDepth: 3 }),
		hostileNeedEvents(f.volunteer, TEAM_B.household) // issue 10
	);
	// Sent as the volunteer, whose deviceId base() carries; the valid events below, sent by any
	// other device (the lead, team B's, or a revoked one, which may still hand in its own), are
	// refused because they were recorded elsewhere.
	const asOther = fc
		.tuple(fresh, fc.constantFrom(f.lead.bearer, f.leadB.bearer, f.volunteerB.bearer, f.revoked.bearer))
		.map(([id, token]) => ({ event: { ...base(), id }, token }));
	const pushAsOther = fc.array(asOther, { minLength: 1, maxLength: 3 }).map((list): Req => ({
		method: 'POST',
		path: '/api/sync/push',
		headers: { ...json, ...auth(list[0].token) },
		body: JSON.stringify({ events: list.map((x) => x.event) }),
		expect: 'rejected',
		events: list.length
	}));
	const pushHostile = fc
		.tuple(fc.array(hostileEvent, { minLength: 1, maxLength: 6 }), fc.constant(f.volunteer.bearer))
		.map(([events, token]): Req => ({
			method: 'POST',
			path: '/api/sync/push',
			headers: { ...json, ...auth(token) },
			body: JSON.stringify({ events, pending: events.length }),
			expect: 'rejected',
			events: events.length
		}));

	const pushBadBody = fc
		.tuple(
			fc.constantFrom(...ownTokens),
			fc.oneof(
				fc.string({ maxLength: 200 }).filter((s) => {
					try {
						JSON.parse(s);
						return false;
					} catch {
						return true;
					}
				}),
				fc
					.jsonValue({ maxDepth: 3 })
					.filter((v) => !pushRequestSchema.safeParse(v).success)
					.map((v) => JSON.stringify(v) ?? 'null'),
				fc.constantFrom(
					'{"events":[],"pending":-1}',
					'{"events":[],"pending":"3"}',
					`{"events":${JSON.stringify(Array(501).fill(1))}}`,
					''
				)
			)
		)
		.map(([token, body]): Req => ({
			method: 'POST',
			path: '/api/sync/push',
			headers: { ...json, ...auth(token) },
			body,
			expect: 'json4xx'
		}));

	const huge = fc
		.tuple(fc.constantFrom(...ownTokens), fc.boolean(), fc.constantFrom('/api/sync/push', '/api/assignments'))
		.map(([token, chunked, path]): Req => ({
			method: 'POST',
			path,
			headers: { ...json, ...auth(token) },
			body: JSON.stringify({ events: [{ note: '王'.repeat(200_000) }] }),
			chunked,
			expect: 'json4xx'
		}));

	// --- hostile shapes (issue 8): deep nesting, NUL, numbers JSON cannot round-trip, bodies
	// too big for an endpoint that does not know its caller yet
	const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
	const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
	// At most 25,000 levels (150 KB): three such events stay under the push's 512 KB.
	const deep = fc
		.tuple(fc.integer({ min: 9, max: 25_000 }), fc.boolean())
		.map(([depth, object]) => (object ? deepObject(depth) : deepArray(depth)));
	// Each event refused on its own, the batch answered 200: nested too deep, NUL in a value or
	// a field name, a number out of range (written as JSON text: 1e400 is Infinity once parsed).
	const hostileShape = fc.oneof(
		deep,
		fc.tuple(fresh, deep).map(([id, d]) => JSON.stringify({ ...base(), id, note: 'x' }).replace('"x"', d)),
		fc
			.tuple(fresh, fc.constantFrom('volunteer', 'tube', 'note', 'householdId', 'roundId'))
			.map(([id, key]) => JSON.stringify({ ...base(), id, [key]: 'a\u0000b' })),
		fresh.map((id) => JSON.stringify({ ...base(), id, ['x\u0000']: 1 })),
		fc
			.tuple(
				fresh,
				fc.constantFrom('sampled', 'residents'),
				fc.constantFrom('1e400', '-1e400', '9007199254740993', '2147483648', '1e308')
			)
			.map(([id, key, n]) => JSON.stringify({ ...base(), id, [key]: 0 }).replace(`"${key}":0`, `"${key}":${n}`))
	);
	const pushHostileShapes = fc.array(hostileShape, { minLength: 1, maxLength: 3 }).map((events): Req => ({
		method: 'POST',
		path: '/api/sync/push',
		headers: { ...json, ...auth(f.volunteer.bearer) },
		body: `{"events":[${events.join(',')}],"pending":${events.length}}`,
		expect: 'rejected',
		events: events.length
	}));
	// Whole bodies refused with a 4xx, on every endpoint that reads one.
	const bodyTargets = [
		{ path: '/api/enrol', token: undefined },
		{ path: '/api/sync/push', token: f.volunteer.bearer },
		{ path: '/api/assignments', token: f.lead.bearer },
		{ path: '/api/lead/rounds', token: f.lead.bearer },
		{ path: '/api/lead/orders', token: f.lead.bearer },
		{ path: '/api/roster', token: f.lead.bearer }
	];
	const hostileBody = fc
		.tuple(
			fc.constantFrom(...bodyTargets),
			fc.oneof(
				fc.integer({ min: 17, max: 60_000 }).map(deepObject),
				fc.constantFrom(
					'{"events":[],"pending":2147483648}',
					'{"events":[],"pending":1e400}',
					'{"events":[],"pending":9007199254740993}',
					'{"code":"ZZZZ9999","volunteer":"a\\u0000"}',
					'{"code":"ZZZZ\\u00009999","volunteer":"a"}',
					'{"deviceId":"x","building":"1\\u0000","unit":null}',
					'{"deviceId":"x","building":"1","unit":"1","floor":1e400}',
					'{"date":"2026-12-01","kind\\u0000":"sampling"}',
					'{"householdId":"demo-1-1-101","items":["米\\u0000"],"urgency":"normal"}',
					'{"households":[{"building":"1","unit":"1","floor":1e400,"room":"101"}],"dryRun":true}',
					'{"households":[{"building":"1\\u0000","unit":"1","floor":1,"room":"101"}],"dryRun":true}'
				)
			)
		)
		.map(([t, body]): Req => ({
			method: 'POST',
			path: t.path,
			headers: { ...json, ...auth(t.token) },
			body,
			expect: 'json4xx'
		}));
	// A stranger's body to enrolment: refused past a few KB, chunked or with a length, up to 7 MB.
	const enrolHuge = fc
		.tuple(fc.integer({ min: 5 * 1024, max: 7 * 1024 * 1024 }), fc.boolean())
		.map(([size, chunked]): Req => ({
			method: 'POST',
			path: '/api/enrol',
			headers: json,
			body: JSON.stringify({ code: 'ZZZZ9999', volunteer: 'x'.repeat(size) }),
			chunked,
			expect: 'json4xx'
		}));

	// --- assignments: volunteers, other teams, unknown or unassignable devices, bad bodies
	// No target a lead may really assign: another team's device, a lead, a revoked device, junk.
	const targets = (token: string | undefined) =>
		token === f.leadB.bearer
			? [f.volunteer.deviceId, f.lead.deviceId, f.revoked.deviceId, f.leadB.deviceId]
			: [f.volunteerB.deviceId, f.lead.deviceId, f.revoked.deviceId, f.leadB.deviceId];
	const assignHostile = fc
		.oneof(fc.constantFrom(f.lead.bearer, f.leadB.bearer, f.volunteer.bearer), badToken)
		.chain((token) =>
			fc
				.oneof(
					fc
						.record({
							deviceId: fc.oneof(fc.constantFrom(...targets(token)), weird),
							building: fc.oneof(fc.constantFrom('1', '2', '3', '9'), weird),
							unit: fc.oneof(fc.constant(null), fc.constantFrom('1', '2', '7'), weird)
						})
						.map((b) => JSON.stringify(b)),
					fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? ''),
					weird
				)
				.map((body): Req => ({
					method: 'POST',
					path: '/api/assignments',
					headers: { ...json, ...auth(token) },
					body,
					expect: 'json4xx'
				}))
		);
	const unassignHostile = fc
		.tuple(fc.oneof(fc.constantFrom(f.leadB.bearer, f.volunteer.bearer), badToken), fc.constant(f.assignmentId))
		.map(([token, id]): Req => ({
			method: 'DELETE',
			path: `/api/assignments/${id}`,
			headers: auth(token),
			expect: 'json4xx'
		}));
	const unassignUnknown = fc
		// "." and ".." are path segments, not ids: the HTTP layer resolves them before any route
		// (a 308 to the parent path), and no client sends them since ids are UUIDs.
		.tuple(
			anyToken,
			fc.string({ minLength: 1, maxLength: 100 }).filter((id) => id !== '.' && id !== '..')
		)
		.map(([token, id]): Req => ({
			method: 'DELETE',
			path: `/api/assignments/${encodeURIComponent(id)}`,
			headers: auth(token),
			expect: 'json4xx'
		}));
	const quarantineHostile = fc
		.tuple(
			fc.oneof(fc.constantFrom(f.volunteer.bearer, f.volunteerB.bearer), badToken),
			fc.constantFrom('', `?team=${DEMO_TEAM.id}`, '?team=b')
		)
		.map(([token, q]): Req => ({
			method: 'GET',
			path: `/api/lead/quarantine${q}`,
			headers: auth(token),
			expect: 'json4xx'
		}));
	const quarantineOtherTeam = fc
		.constantFrom(`?team=${DEMO_TEAM.id}`, '?team=no-such-team', `?team=${encodeURIComponent('a\u0000')}`)
		.map((q): Req => ({
			method: 'GET',
			path: `/api/lead/quarantine${q}`,
			headers: auth(f.leadB.bearer),
			expect: 'json4xx'
		}));
	const listHostile = fc
		.constantFrom(f.volunteer.bearer, f.volunteerB.bearer, undefined, f.revoked.bearer)
		.map((token): Req => ({ method: 'GET', path: '/api/assignments', headers: auth(token), expect: 'json4xx' }));

	// --- enrol: unknown codes and bad bodies (a valid code would enrol a device: never generated)
	const codes = new Set<string>([DEMO.volunteerCode, DEMO.leadCode, TEAM_B.enrolCode, TEAM_B.leadCode]);
	const enrolHostile = fc
		.oneof(
			fc
				.record({ code: weird, volunteer: weird })
				.filter((b) => !codes.has(b.code.trim().toUpperCase()))
				.map((b) => JSON.stringify(b)),
			fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? ''),
			weird
		)
		.map((body): Req => ({ method: 'POST', path: '/api/enrol', headers: json, body, expect: 'json4xx' }));

	// --- wrong methods on our endpoints, and content types that are not JSON
	const wrongMethod = fc
		.tuple(
			fc.constantFrom(
				['/api/sync/pull', 'GET'],
				['/api/sync/push', 'POST'],
				['/api/assignments', 'GET POST'],
				[`/api/assignments/${f.assignmentId}`, 'DELETE'],
				['/api/enrol', 'POST'],
				['/api/setup', 'POST'],
				['/api/me', 'GET'],
				['/api/me/write-off', 'GET POST'],
				[`/api/lead/devices/${f.asking.deviceId}/write-off`, 'POST'],
				['/api/admin/overview', 'GET'],
				['/api/admin/teams', 'POST'],
				['/api/lead/team/rotate', 'POST'],
				['/api/lead/quarantine', 'GET'],
				[`/api/lead/rounds/${f.surveyRoundId}/survey`, 'PUT'],
				[`/api/lead/rounds/${f.surveyRoundId}/close`, 'POST'],
				[`/api/photos/${FUZZ_PHOTO_ID}`, 'GET PUT'],
				['/api/no-such-endpoint', '']
			),
			fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
			anyToken
		)
		.filter(([[, allowed], method]) => !allowed.split(' ').includes(method))
		.map(([[path], method, token]): Req => ({ method, path, headers: auth(token), expect: 'json4xx' }));
	// --- the organisation's endpoints: refused for the wrong device, or with a body of the wrong shape
	// (a valid body from the lead would change the team: never generated, the store must not change)
	const orgPaths = ['/api/lead/team/rotate', '/api/lead/team/expiry', '/api/lead/team/settings', '/api/admin/teams'];
	const orgHostile = fc.oneof(
		fc
			.tuple(
				fc.constantFrom(...orgPaths),
				fc.constantFrom(f.volunteer.bearer, f.revoked.bearer, undefined, 'Bearer ' + 'x'.repeat(40))
			)
			.map(([path, token]): Req => ({
				method: 'POST',
				path,
				headers: { ...json, ...auth(token) },
				body: '{"role":"volunteer","name":"x"}',
				expect: 'json4xx'
			})),
		// Not settings: an empty object is a valid "change nothing" there.
		fc
			.tuple(fc.constantFrom('/api/lead/team/rotate', '/api/lead/team/expiry', '/api/admin/teams'), weird)
			.map(([path, body]): Req => ({
				method: 'POST',
				path,
				headers: { ...json, ...auth(f.lead.bearer) },
				body,
				expect: 'json4xx'
			})),
		fc
			.tuple(
				fc.constantFrom('/api/admin/overview', '/api/me', '/api/lead/team'),
				fc.constantFrom(f.volunteerB.bearer, f.revoked.bearer, undefined, 'Basic x')
			)
			.filter(([path, token]) => !(path === '/api/me' && token === f.volunteerB.bearer))
			.map(([path, token]): Req => ({ method: 'GET', path, headers: auth(token), expect: 'json4xx' })),
		fc
			.tuple(
				fc.constantFrom(f.lead.bearer, f.volunteer.bearer),
				fc.constantFrom(f.volunteerB.deviceId, 'no-such-device', '%00', 'x'.repeat(65))
			)
			.map(([token, id]): Req => ({
				method: 'POST',
				path: `/api/lead/devices/${id}/approve`,
				headers: { ...json, ...auth(token) },
				body: '{}',
				expect: 'json4xx'
			})),
		fc
			.tuple(fc.constantFrom(f.lead.bearer, f.volunteer.bearer), fc.constantFrom('no-such-team', 'demo-team'))
			.map(([token, id]): Req => ({
				method: 'POST',
				path: `/api/admin/teams/${id}/close`,
				headers: { ...json, ...auth(token) },
				body: '{}',
				expect: 'json4xx'
			})),
		fc
			.oneof(
				weird,
				fc.record({ token: weird, orgName: weird, adminName: weird, community: weird }).map((b) => JSON.stringify(b))
			)
			.map((body): Req => ({ method: 'POST', path: '/api/setup', headers: json, body, expect: 'json4xx' }))
	);

	const notJson = fc
		.tuple(
			fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'),
			fc.constantFrom(...ownTokens),
			weird
		)
		.map(([type, token, body]): Req => ({
			method: 'POST',
			path: '/api/sync/push',
			headers: { 'content-type': type, ...auth(token) },
			body,
			expect: 'any4xx'
		}));

	// --- issue 12: rounds of every kind. No valid request of the lead's own team is generated
	// (it would change the store): bad definitions, other devices, other teams' or unknown rounds.
	const roundPaths = (id: string) => [
		{ method: 'PUT', path: `/api/lead/rounds/${id}/survey` },
		{ method: 'POST', path: `/api/lead/rounds/${id}/close` }
	];
	const validForm = JSON.stringify(SURVEY_FORM);
	const roundsHostile = fc.oneof(
		// Round creation with a definition that does not fit its kind.
		fc
			.oneof(
				fc.constantFrom(
					'{"date":"2026-12-01","kind":"survey","definition":{"fields":[]}}',
					'{"date":"2026-12-01","kind":"survey","definition":{"fields":[{"id":"A B","label":"x","type":"yes_no","required":true}]}}',
					'{"date":"2026-12-01","kind":"survey","definition":{"fields":[{"id":"a","label":"x","type":"choice","options":["1"],"required":true}]}}',
					'{"date":"2026-12-01","kind":"disinfection","definition":{"areas":{"floor":[],"common":[]},"passesPerDay":2}}',
					'{"date":"2026-12-01","kind":"disinfection","definition":{"areas":{"floor":["a","a"],"common":[]},"passesPerDay":9}}',
					'{"date":"2026-12-01","kind":"distribution","definition":{"item":"","quantity":{"rule":"fixed","per":1}}}',
					'{"date":"2026-12-01","kind":"distribution","definition":{"item":"x","quantity":{"rule":"per_room","per":1}}}',
					'{"date":"2026-12-01","kind":"distribution"}',
					'{"date":"2026-12-01","kind":"unsupported"}',
					'{"date":"2026-12-01","kind":"distribution","definition":{"item":"a\u0000","quantity":{"rule":"fixed","per":1}}}'
				),
				fc
					.record({
						date: fc.constant('2026-12-01'),
						kind: fc.constantFrom('survey', 'distribution', 'disinfection'),
						definition: fc.jsonValue({ maxDepth: 3 })
					})
					.map((b) => JSON.stringify(b))
			)
			.map((body): Req => ({
				method: 'POST',
				path: '/api/lead/rounds',
				headers: { ...json, ...auth(f.lead.bearer) },
				body,
				expect: 'json4xx'
			})),
		// A survey edit or a close by a volunteer, another team's lead, a stranger; or of a round
		// that is not a survey, unknown, or not an id at all; or with a form that is not one.
		fc
			.tuple(
				fc.constantFrom(f.volunteer.bearer, f.leadB.bearer, f.revoked.bearer, undefined),
				fc.constantFrom(...roundPaths(f.surveyRoundId), ...roundPaths(f.roundId))
			)
			.map(([token, r]): Req => ({ ...r, headers: { ...json, ...auth(token) }, body: validForm, expect: 'json4xx' })),
		fc
			.tuple(fc.constantFrom('no-such-round', 'round-b', '%00', 'x'.repeat(65)), fc.constantFrom(f.lead.bearer))
			.chain(([id, token]) =>
				fc
					.constantFrom(...roundPaths(id))
					.map((r): Req => ({ ...r, headers: { ...json, ...auth(token) }, body: validForm, expect: 'json4xx' }))
			),
		fc
			.oneof(
				weird,
				fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? '')
			)
			.filter((b) => b !== validForm)
			.map((body): Req => ({
				method: 'PUT',
				path: `/api/lead/rounds/${f.roundId}/survey`,
				headers: { ...json, ...auth(f.lead.bearer) },
				body,
				expect: 'json4xx'
			})),
		// Records that do not fit their round, each refused on its own in a well-formed push.
		fc
			.array(
				fc.oneof(
					fc.constant(() => distribution({ roundId: f.roundId, householdId: 'demo-1-1-101' })),
					fc.constant(() => surveyAnswer({ roundId: f.surveyRoundId, householdId: 'demo-1-1-101', version: 7 })),
					fc.jsonValue({ maxDepth: 2 }).map(
						(answers) => () =>
							surveyAnswer({
								roundId: f.surveyRoundId,
								householdId: 'demo-1-1-101',
								answers: { back: 'x', extra: answers } as never
							})
					)
				),
				{ minLength: 1, maxLength: 3 }
			)
			.map((makers): Req => {
				const events = makers.map((m) => ({
					...m(),
					id: crypto.randomUUID(),
					deviceId: f.volunteer.deviceId,
					volunteer: f.volunteer.volunteer
				}));
				return {
					method: 'POST',
					path: '/api/sync/push',
					headers: { ...json, ...auth(f.volunteer.bearer) },
					body: JSON.stringify({ events, pending: events.length }),
					expect: 'rejected',
					events: events.length
				};
			})
	);

	// --- issue 9: a forgotten PIN's write-off. A valid body from an enrolled device would record a
	// loss and retire it: never generated. Bodies of the wrong shape from any device, or a valid
	// one from no device (a revoked one may write off: not sent here with a valid body).
	const writeOffHostile = fc.oneof(
		fc
			.tuple(
				fc.constantFrom(...ownTokens, f.revoked.bearer),
				fc.oneof(
					weird,
					fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? ''),
					fc.constantFrom(
						'{"ids":["a"]}',
						'{"ids":"a","last":true}',
						'{"ids":[1],"last":false}',
						'{"ids":[""],"last":false}',
						'{"ids":["a\\u0000"],"last":false}',
						`{"ids":["${'x'.repeat(65)}"],"last":false}`,
						'{"ids":[],"last":"yes"}',
						JSON.stringify({ ids: Array.from({ length: 1001 }, (_, i) => `e${i}`), last: false })
					)
				)
			)
			.filter(([, body]) => !validWriteOff(body))
			.map(([token, body]): Req => ({
				method: 'POST',
				path: '/api/me/write-off',
				headers: { ...json, ...auth(token) },
				body,
				expect: 'json4xx'
			})),
		fc.constantFrom(undefined, 'Basic x', 'Bearer ' + 'x'.repeat(40)).map((token): Req => ({
			method: 'POST',
			path: '/api/me/write-off',
			headers: { ...json, ...auth(token) },
			body: '{"ids":["lost-1"],"last":true}',
			expect: 'json4xx'
		})),
		// The lead's lock rules out of range (or of the wrong type): 400, the team unchanged.
		fc
			.tuple(
				fc.constantFrom(f.lead.bearer, f.leadB.bearer),
				fc.constantFrom('pinLength', 'lockMinutes'),
				fc.oneof(
					fc.integer({ min: -1000, max: 0 }),
					fc.integer({ min: 31, max: 10_000 }),
					fc.constantFrom(5, 6.5, '8', null, true, 1e308)
				)
			)
			.filter(([, key, v]) => !(key === 'lockMinutes' && v === 5))
			.map(([token, key, v]): Req => ({
				method: 'POST',
				path: '/api/lead/team/settings',
				headers: { ...json, ...auth(token) },
				body: JSON.stringify({ [key]: v }),
				expect: 'json4xx'
			}))
	);

	return fc.oneof(
		{ arbitrary: roundsHostile, weight: 3 },
		{ arbitrary: writeOffHostile, weight: 2 },
		{ arbitrary: pullBadQuery, weight: 3 },
		{ arbitrary: pullBadToken, weight: 2 },
		{ arbitrary: pushHostile, weight: 6 },
		{ arbitrary: pushAsOther, weight: 1 },
		{ arbitrary: pushBadBody, weight: 3 },
		{ arbitrary: huge, weight: 1 },
		{ arbitrary: pushHostileShapes, weight: 3 },
		{ arbitrary: hostileBody, weight: 3 },
		{ arbitrary: enrolHuge, weight: 1 },
		{ arbitrary: quarantineHostile, weight: 1 },
		{ arbitrary: quarantineOtherTeam, weight: 1 },
		{ arbitrary: assignHostile, weight: 3 },
		{ arbitrary: unassignHostile, weight: 1 },
		{ arbitrary: unassignUnknown, weight: 1 },
		{ arbitrary: listHostile, weight: 1 },
		{ arbitrary: enrolHostile, weight: 2 },
		{ arbitrary: wrongMethod, weight: 2 },
		{ arbitrary: orgHostile, weight: 3 },
		{ arbitrary: notJson, weight: 1 },
		{ arbitrary: residentHostile(f.resident, bearers(f)), weight: 3 }, // issue 10
		{ arbitrary: transferHostile(f.transfer, bearers(f)), weight: 2 }, // issue 10 (session 4)
		{
			// photos (issues 10, 12)
			arbitrary: photosHostile({
				lead: f.lead.bearer,
				leadB: f.leadB.bearer,
				volunteer: f.volunteer.bearer,
				volunteerB: f.volunteerB.bearer,
				revoked: f.revoked.bearer
			}),
			weight: 2
		},
		{
			// issue 9 (session 4): deciding a write-off request
			arbitrary: writeOffHostileDecisions(f.asking.deviceId, {
				lead: f.lead.bearer,
				leadB: f.leadB.bearer,
				volunteer: f.volunteer.bearer,
				volunteerB: f.volunteerB.bearer,
				asking: f.asking.bearer,
				quiet: f.volunteer.deviceId
			}),
			weight: 2
		}
	);
}

describe.skipIf(!built)('API fuzz against the built server', () => {
	let dir = '';
	let server: ChildProcess | undefined;
	let output = '';
	let f: Fixture;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'doorstep-fuzz-'));
		f = await prepare(dir);
		server = spawn(process.execPath, [SERVER], {
			env: {
				...process.env,
				PORT: String(PORT),
				HOST: '127.0.0.1',
				DATA_DIR: dir,
				DATABASE_URL: '',
				DOORSTEP_QUIET: '1',
				BODY_SIZE_LIMIT: '512K',
				RESIDENT_PER_ADDRESS: '1000000' // issue 10: reach past the limit into each check
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		server.stdout?.on('data', (c: Buffer) => (output += c.toString()));
		server.stderr?.on('data', (c: Buffer) => (output += c.toString()));
		const until = Date.now() + 15_000;
		for (;;) {
			try {
				if ((await send({ method: 'GET', path: '/api/sync/pull', headers: {}, expect: 'json4xx' })).status === 401)
					break;
			} catch {
				// not listening yet
			}
			if (Date.now() > until) throw new Error(`the built server did not start on port ${PORT}:\n${output}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}, 30_000);

	afterAll(() => {
		agent.destroy();
		server?.kill();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it(`answers ${RUNS} hostile requests with 4xx, changes nothing, and still serves`, async () => {
		const file = join(dir, 'doorstep.sqlite');
		const before = { hash: fingerprint(file), counts: counts(file) };
		const started = Date.now();
		let sent = 0;
		await fc.assert(
			fc.asyncProperty(arbitraries(f), async (req) => {
				// Bounded in time as well as count, but never below MIN_RUNS: a slow machine sends
				// fewer extra requests, not fewer than the floor (no verdict rests on the clock).
				if (sent >= MIN_RUNS && Date.now() - started > MAX_MS) return;
				sent++;
				check(req, await send(req));
			}),
			{
				numRuns: RUNS,
				endOnFailure: true,
				// Paths the URL parser ends with '/' (a dot segment, a trailing slash): SvelteKit
				// redirected them (308) until scripts/start.js answered them; a random run found one.
				examples: ['/api/photos/.', '/api/sync/pull/', '/api/sync/push/..', '/api/%2e'].map((path): [Req] => [
					{ method: 'GET', path, headers: { authorization: f.volunteer.bearer }, expect: 'json4xx' }
				])
			}
		);

		expect(counts(file)).toEqual(before.counts);
		expect(fingerprint(file)).toBe(before.hash);

		// Still alive and serving: a real pull and a real push.
		const pulled = await send({
			method: 'GET',
			path: '/api/sync/pull',
			headers: { authorization: f.volunteer.bearer },
			expect: 'json4xx'
		});
		expect(pulled.status).toBe(200);
		expect(pullResponseSchema.parse(JSON.parse(pulled.text)).households.length).toBe(24);
		const good = visit({ deviceId: f.volunteer.deviceId, roundId: f.roundId, householdId: 'demo-1-2-101' });
		const pushed = await send({
			method: 'POST',
			path: '/api/sync/push',
			headers: { 'content-type': 'application/json', authorization: f.volunteer.bearer },
			body: JSON.stringify({ events: [good] }),
			expect: 'json4xx'
		});
		expect(pushResponseSchema.parse(JSON.parse(pushed.text)).results).toEqual([{ id: good.id, status: 'accepted' }]);

		// Residents' names and phones never reach the logs.
		for (const h of demoHouseholds()) {
			expect(output).not.toContain(h.phone);
			expect(output).not.toContain(h.head);
		}
		// Nor do codes or device tokens.
		for (const secret of [DEMO.volunteerCode, DEMO.leadCode, TEAM_B.enrolCode, TEAM_B.leadCode])
			expect(output).not.toContain(secret);
		for (const d of [f.volunteer, f.lead, f.leadB, f.volunteerB]) expect(output).not.toContain(d.bearer.slice(7));
		expect(output).not.toMatch(/request failed/);
	}, 120_000);
});

if (!built) {
	describe('API fuzz', () => {
		it.skip(`skipped: ${BUILD} is missing — run \`npm run build\` first (npm test does)`, () => {});
	});
}
