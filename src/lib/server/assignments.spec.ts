import { describe, expect, it } from 'vitest';
import { assign, listAssignments, unassign } from './assignments';
import { pull } from './pull';
import { HttpError } from './http';
import { count, demoTeam, device, secondTeam, TEAM_B } from './testing/fixtures';
import { STORES, freshStore } from './testing/stores';

const status = async (p: Promise<unknown>): Promise<number> => {
	try {
		await p;
		return 200;
	} catch (err) {
		if (err instanceof HttpError) return err.status;
		throw err;
	}
};

describe.each(STORES)('assignments on $name', (kind) => {
	const db = freshStore(kind);

	it('assigns a building once, lists it, and takes it back leaving a tombstone', async () => {
		const t = await demoTeam(db());
		const first = await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '2', unit: null });
		expect(first.created).toBe(true);
		expect(first.assignment).toMatchObject({
			deviceId: t.volunteer.deviceId,
			volunteer: t.volunteer.volunteer,
			building: '2',
			unit: null
		});
		const again = await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '2', unit: null });
		expect(again).toEqual({ assignment: first.assignment, created: false });
		const unit = await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '3', unit: '1' });
		expect((await listAssignments(db(), t.lead)).map((a) => a.id).sort()).toEqual(
			[first.assignment.id, unit.assignment.id].sort()
		);

		const seqBefore = await db().get<{ seq: number }>('SELECT seq FROM assignments WHERE id = ?', [
			first.assignment.id
		]);
		expect(await unassign(db(), t.lead, first.assignment.id)).toEqual({
			id: first.assignment.id,
			alreadyRemoved: false
		});
		expect(await unassign(db(), t.lead, first.assignment.id)).toEqual({
			id: first.assignment.id,
			alreadyRemoved: true
		});
		expect((await listAssignments(db(), t.lead)).map((a) => a.id)).toEqual([unit.assignment.id]);
		const tomb = await db().get<{ seq: number; removed_at: string | null }>(
			'SELECT seq, removed_at FROM assignments WHERE id = ?',
			[first.assignment.id]
		);
		expect(tomb?.removed_at).toMatch(/^\d{4}-/);
		expect(tomb?.seq).toBeGreaterThan(seqBefore?.seq ?? Infinity);
	});

	it('hands out one floor of a unit: the device pulls only that floor', async () => {
		const t = await demoTeam(db());
		const floor = await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '2', unit: '1', floor: 3 });
		expect(floor.assignment).toMatchObject({ building: '2', unit: '1', floor: 3 });
		const again = await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '2', unit: '1', floor: 3 });
		expect(again.created).toBe(false);
		const whole = await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '2', unit: '1' });
		expect(whole.created).toBe(true);
		await unassign(db(), t.lead, whole.assignment.id);
		const page = await pull(db(), t.volunteer, 0, 2000);
		expect(page.households.length).toBeGreaterThan(0);
		expect(page.households.every((h) => h.building === '2' && h.unit === '1' && h.floor === 3)).toBe(true);
		expect(page.assignments).toEqual([expect.objectContaining({ building: '2', unit: '1', floor: 3 })]);
		expect(
			await status(assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '2', unit: '1', floor: 99 }))
		).toBe(404);
	});

	it('refuses volunteers, other teams, leads as targets, revoked devices and empty areas', async () => {
		const t = await demoTeam(db());
		const b = await secondTeam(db());
		const leadB = await device(db(), TEAM_B.leadCode, '乙队长');
		const mine = await assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '1', unit: null });
		const before = await count(db(), 'assignments');

		expect(await status(listAssignments(db(), t.volunteer))).toBe(403);
		expect(await status(assign(db(), t.volunteer, { deviceId: t.volunteer.deviceId, building: '2', unit: null }))).toBe(
			403
		);
		expect(await status(unassign(db(), t.volunteer, mine.assignment.id))).toBe(403);
		// Team B's lead can neither see, take back nor assign team A's devices and areas.
		expect(await listAssignments(db(), leadB)).toEqual([]);
		expect(await status(unassign(db(), leadB, mine.assignment.id))).toBe(404);
		expect(await status(assign(db(), leadB, { deviceId: t.volunteer.deviceId, building: '1', unit: null }))).toBe(404);
		expect(await status(assign(db(), t.lead, { deviceId: b.volunteer.deviceId, building: '1', unit: null }))).toBe(404);
		expect(await status(assign(db(), t.lead, { deviceId: 'no-such-device', building: '1', unit: null }))).toBe(404);
		expect(await status(assign(db(), t.lead, { deviceId: t.lead.deviceId, building: '1', unit: null }))).toBe(400);
		expect(await status(assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '9', unit: null }))).toBe(404);
		expect(await status(assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '1', unit: '9' }))).toBe(404);
		await db().run('UPDATE devices SET revoked_at = ? WHERE id = ?', ['2026-11-23T10:00:00Z', t.volunteer.deviceId]);
		expect(await status(assign(db(), t.lead, { deviceId: t.volunteer.deviceId, building: '2', unit: null }))).toBe(409);

		expect(await count(db(), 'assignments')).toBe(before);
		expect((await listAssignments(db(), t.lead)).map((a) => a.id)).toEqual([mine.assignment.id]);
	});
});

describe('assign request', () => {
	it('refuses a floor without its unit, naming the field', async () => {
		const { assignRequestSchema } = await import('$lib/domain/api');
		const r = assignRequestSchema.safeParse({ deviceId: 'd', building: '1', floor: 2 });
		expect(r.success).toBe(false);
		expect(r.error?.issues[0].path).toEqual(['floor']);
		expect(assignRequestSchema.parse({ deviceId: 'd', building: '1', unit: '2', floor: 2 }).floor).toBe(2);
	});
});
