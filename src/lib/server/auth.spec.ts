import { describe, expect, it } from 'vitest';
import { DEMO_TEAM } from './demo';
import { authenticate, AuthError, enrol, hashToken, RevokedError } from './auth';
import { STORES, freshStore } from './testing/stores';
import { DEMO, seedDemo } from './testing/fixtures';

describe.each(STORES)('auth on $name', (kind) => {
	const db = freshStore(kind);

	it('enrols a volunteer with the team code and a lead with the lead code', async () => {
		await seedDemo(db());
		const v = await enrol(db(), DEMO.volunteerCode, '小王');
		const l = await enrol(db(), DEMO.leadCode, '老李');
		expect(v).toMatchObject({ role: 'volunteer', team: { id: DEMO_TEAM.id } });
		expect(l).toMatchObject({ role: 'lead', team: { id: DEMO_TEAM.id } });
		expect(v?.token).not.toBe(l?.token);
		expect(await authenticate(db(), `Bearer ${v?.token}`)).toEqual({
			deviceId: v?.deviceId,
			teamId: DEMO_TEAM.id,
			orgId: expect.any(String),
			volunteer: '小王',
			role: 'volunteer',
			status: 'active'
		});
		expect((await authenticate(db(), `Bearer ${l?.token}`)).role).toBe('lead');
	});

	it('stores only a hash of the token', async () => {
		await seedDemo(db());
		const v = await enrol(db(), DEMO.volunteerCode, '小王');
		const rows = await db().all<{ token_hash: string }>('SELECT token_hash FROM devices');
		expect(rows).toEqual([{ token_hash: hashToken(v?.token ?? '') }]);
	});

	it('answers null for an unknown code and creates no device', async () => {
		await seedDemo(db());
		expect(await enrol(db(), 'NOPE2026', '小王')).toBeNull();
		expect(await db().all('SELECT id FROM devices')).toEqual([]);
	});

	it.each([
		['missing', null],
		['not a bearer', 'Basic abcdefghijklmnopqrstuvwxyz'],
		['too short', 'Bearer abc'],
		['bad characters', 'Bearer abcdefghijklmnopqrstuvwxyz!!'],
		['unknown', 'Bearer abcdefghijklmnopqrstuvwxyz0123456789']
	])('refuses a %s token', async (_name, header) => {
		await seedDemo(db());
		await enrol(db(), DEMO.volunteerCode, '小王');
		await expect(authenticate(db(), header)).rejects.toBeInstanceOf(AuthError);
	});

	it('refuses a revoked device', async () => {
		await seedDemo(db());
		const v = await enrol(db(), DEMO.volunteerCode, '小王');
		await db().run('UPDATE devices SET revoked_at = ? WHERE id = ?', ['2026-11-23T10:00:00Z', v?.deviceId ?? '']);
		await expect(authenticate(db(), `Bearer ${v?.token}`)).rejects.toBeInstanceOf(RevokedError);
		// Only the push asks for a revoked device to be let in, to hand in what it holds.
		expect((await authenticate(db(), `Bearer ${v?.token}`, { allowRevoked: true })).deviceId).toBe(v?.deviceId);
	});
});
