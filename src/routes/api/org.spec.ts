import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolResponseSchema } from '$lib/domain/api';
import {
	invitationsResponseSchema,
	meResponseSchema,
	overviewResponseSchema,
	setupResponseSchema
} from '$lib/domain/org-api';
import { issueSetupToken } from '$lib/server/org/setup';
import { store } from '$lib/server/store';
import { POST as approvePost } from './lead/devices/[id]/approve/+server';
import { GET as overviewGet } from './admin/overview/+server';
import { POST as teamsPost } from './admin/teams/+server';
import { POST as enrolPost } from './enrol/+server';
import { GET as meGet } from './me/+server';
import { POST as rotatePost } from './lead/team/rotate/+server';
import { POST as settingsPost } from './lead/team/settings/+server';
import { GET as teamGet } from './lead/team/+server';
import { POST as setupPost } from './setup/+server';
import { GET as pullGet } from './sync/pull/+server';
import { POST as pushPost } from './sync/push/+server';

// The endpoints open the process's store from the environment: a throwaway SQLite file.
const dir = mkdtempSync(join(tmpdir(), 'doorstep-org-api-'));
process.env.DATABASE_URL = '';
process.env.DATA_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Handler = (event: never) => Response | Promise<Response>;

async function call(
	handler: Handler,
	path: string,
	init: RequestInit & { token?: string; from?: string } = {},
	params = {}
) {
	const url = new URL(path, 'http://localhost');
	const headers = new Headers(init.headers);
	if (init.token) headers.set('authorization', `Bearer ${init.token}`);
	if (init.body !== undefined) headers.set('content-type', 'application/json');
	const event = {
		request: new Request(url, { ...init, headers }),
		url,
		params,
		getClientAddress: () => init.from ?? '127.0.0.1'
	};
	const response = await handler(event as never);
	return {
		status: response.status,
		headers: response.headers,
		body: (await response.json()) as Record<string, unknown>
	};
}
const post = (h: Handler, path: string, body: unknown, init: { token?: string; from?: string } = {}, params = {}) =>
	call(h, path, { method: 'POST', body: JSON.stringify(body), ...init }, params);

let setup: ReturnType<typeof setupResponseSchema.parse>;

beforeAll(async () => {
	const token = await issueSetupToken(await store());
	const res = await post(setupPost, '/api/setup', {
		token,
		orgName: '某某街道',
		adminName: '街道管理员',
		community: '一社区'
	});
	expect(res.status).toBe(200);
	setup = setupResponseSchema.parse(res.body);
});

describe('a street office sets up and invites', () => {
	it('the setup link made an administrator and a community with two different codes; it cannot be spent again', async () => {
		expect(setup.communities[0].volunteerCode).not.toBe(setup.communities[0].leadCode);
		const again = await post(setupPost, '/api/setup', {
			token: 'x'.repeat(43),
			orgName: 'a',
			adminName: 'b',
			community: 'c'
		});
		expect(again.status).toBe(404);
		const overview = overviewResponseSchema.parse(
			(await call(overviewGet, '/api/admin/overview', { token: setup.token })).body
		);
		expect(overview).toMatchObject({ org: { name: '某某街道' }, communities: [{ name: '一社区', households: 0 }] });
	});

	it('a volunteer waits for approval: me says pending, pull and push answer 403, until the lead approves', async () => {
		const made = await post(teamsPost, '/api/admin/teams', { name: '二社区' }, { token: setup.token });
		const team = made.body.team as { teamId: string; volunteerCode: string; leadCode: string };
		const lead = enrolResponseSchema.parse(
			(await post(enrolPost, '/api/enrol', { code: team.leadCode, volunteer: '队长' })).body
		);
		expect(lead.status).toBe('active');
		const v = enrolResponseSchema.parse(
			(await post(enrolPost, '/api/enrol', { code: team.volunteerCode, volunteer: '小王' })).body
		);
		expect(v.status).toBe('pending');
		expect(meResponseSchema.parse((await call(meGet, '/api/me', { token: v.token })).body).status).toBe('pending');
		const pulled = await call(pullGet, '/api/sync/pull', { token: v.token });
		expect(pulled.status).toBe(403);
		expect(pulled.body.pending).toBe(true);
		expect((await post(pushPost, '/api/sync/push', { events: [] }, { token: v.token })).status).toBe(403);
		const approved = await post(
			approvePost,
			`/api/lead/devices/${v.deviceId}/approve`,
			{},
			{ token: lead.token },
			{ id: v.deviceId }
		);
		expect(approved.status).toBe(200);
		expect((await call(pullGet, '/api/sync/pull', { token: v.token })).status).toBe(200);
		expect(meResponseSchema.parse((await call(meGet, '/api/me', { token: v.token })).body).status).toBe('active');
	});

	it('a rotated code refuses the old one at once; settings switch approval off', async () => {
		const made = await post(teamsPost, '/api/admin/teams', { name: '三社区' }, { token: setup.token });
		const team = made.body.team as { teamId: string; volunteerCode: string; leadCode: string };
		const lead = enrolResponseSchema.parse(
			(await post(enrolPost, '/api/enrol', { code: team.leadCode, volunteer: '队长' })).body
		);
		const rotated = invitationsResponseSchema.parse(
			(await post(rotatePost, '/api/lead/team/rotate', { role: 'volunteer' }, { token: lead.token })).body
		);
		expect(rotated.volunteer?.code).not.toBe(team.volunteerCode);
		expect((await post(enrolPost, '/api/enrol', { code: team.volunteerCode, volunteer: '旧码' })).status).toBe(404);
		await post(settingsPost, '/api/lead/team/settings', { approval: false }, { token: lead.token });
		const v = enrolResponseSchema.parse(
			(await post(enrolPost, '/api/enrol', { code: rotated.volunteer?.code, volunteer: '新码' })).body
		);
		expect(v.status).toBe('active');
		const info = invitationsResponseSchema.parse((await call(teamGet, '/api/lead/team', { token: lead.token })).body);
		expect(info.settings.approval).toBe(false);
	});

	it('1,000 guesses from one address end in 429 with Retry-After long before a 4-character space could be searched', async () => {
		const answers: number[] = [];
		let retryAfter: string | null = null;
		for (let i = 0; i < 1000; i++) {
			const guess = `G${String(i).padStart(7, '0')}`;
			const res = await post(enrolPost, '/api/enrol', { code: guess, volunteer: '猜码' }, { from: '198.51.100.7' });
			answers.push(res.status);
			if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
		}
		const first429 = answers.indexOf(429);
		expect(first429).toBeGreaterThan(0);
		expect(first429).toBeLessThanOrEqual(20);
		expect(answers).toHaveLength(1000);
		expect(answers.slice(first429).every((s) => s === 429)).toBe(true);
		expect(Number(retryAfter)).toBeGreaterThan(0);
		// Another address is not held up by the guesser.
		expect(
			(await post(enrolPost, '/api/enrol', { code: 'NOPE2345', volunteer: '别人' }, { from: '203.0.113.9' })).status
		).toBe(404);
	}, 60_000);

	it('a wrong and a right code answer after the same floor of time', async () => {
		const made = await post(teamsPost, '/api/admin/teams', { name: '四社区', approval: false }, { token: setup.token });
		const team = made.body.team as { volunteerCode: string };
		const time = async (code: string) => {
			const t0 = performance.now();
			await post(enrolPost, '/api/enrol', { code, volunteer: '计时' }, { from: '192.0.2.44' });
			return performance.now() - t0;
		};
		// Not a timing assertion: both paths wait out the same floor, so neither can be quicker than it.
		expect(await time('WRNG2345')).toBeGreaterThanOrEqual(290);
		expect(await time(team.volunteerCode)).toBeGreaterThanOrEqual(290);
	});

	it('a lead or volunteer cannot use the administrator endpoints', async () => {
		const made = await post(teamsPost, '/api/admin/teams', { name: '五社区' }, { token: setup.token });
		const team = made.body.team as { leadCode: string };
		const lead = enrolResponseSchema.parse(
			(await post(enrolPost, '/api/enrol', { code: team.leadCode, volunteer: '队长' })).body
		);
		expect((await call(overviewGet, '/api/admin/overview', { token: lead.token })).status).toBe(403);
		expect((await post(teamsPost, '/api/admin/teams', { name: 'x' }, { token: lead.token })).status).toBe(403);
	});
});
