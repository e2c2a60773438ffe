/**
 * The operator's command line as a deployment script uses it: `npm run -s admin -- … --json`
 * prints exactly one JSON object on stdout and nothing else, against the store named by
 * DATA_DIR; a bad command says how to use it on stderr and exits non-zero, printing nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH } from '$lib/server/codes';
import { enrol } from '$lib/server/auth';
import { openDb } from '$lib/server/db';

const dir = mkdtempSync(join(tmpdir(), 'doorstep-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '' };
const admin = (...args: string[]) =>
	execFileSync('npm', ['run', '-s', 'admin', '--', ...args], { env, encoding: 'utf8' });
const code = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

// Each call starts npm and Node (about a second, several on a loaded machine) and a test makes
// up to three: vitest's 5 s default would fail it on load, not on behaviour.
describe('npm run admin', { timeout: 60_000 }, () => {
	it('team create --json prints one JSON object whose codes enrol, on an empty store', () => {
		const out = admin('team', 'create', '新房子社区', '--approval', 'off', '--json');
		expect(out.trim().split('\n')).toHaveLength(1);
		const team = JSON.parse(out) as { teamId: string; volunteerCode: string; leadCode: string; approval: boolean };
		expect(team).toMatchObject({ teamId: expect.any(String), approval: false });
		expect(team.volunteerCode).toMatch(code);
		expect(team.leadCode).toMatch(code);
		expect(team.volunteerCode).not.toBe(team.leadCode);
	});

	it('rotates a code, and the old one stops enrolling', async () => {
		const team = JSON.parse(admin('team', 'create', '二社区', '--json')) as { teamId: string; volunteerCode: string };
		const rotated = JSON.parse(admin('team', 'rotate', team.teamId, 'volunteer', '--json')) as {
			invite: { code: string };
		};
		expect(rotated.invite.code).not.toBe(team.volunteerCode);
		const list = JSON.parse(admin('team', 'list', '--json')) as {
			teams: { teamId: string; volunteer: { code: string } | null }[];
		};
		expect(list.teams.find((t) => t.teamId === team.teamId)?.volunteer?.code).toBe(rotated.invite.code);
		const db = await openDb('', dir);
		try {
			expect(await enrol(db, team.volunteerCode, '旧码')).toBeNull();
			expect((await enrol(db, rotated.invite.code, '新码'))?.status).toBe('pending');
		} finally {
			await db.close();
		}
	});

	it('refuses an unknown command with its usage on stderr and nothing on stdout', () => {
		const run = spawnSync('npm', ['run', '-s', 'admin', '--', 'nonsense', '--json'], { env, encoding: 'utf8' });
		expect(run.status).not.toBe(0);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(/usage: npm run -s admin/);
	});
});
