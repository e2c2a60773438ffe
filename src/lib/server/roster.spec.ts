import { describe, expect, it } from 'vitest';
import type { DeviceAuth } from './auth';
import type { Db } from './db';
import { HttpError } from './http';
import { pushEvents } from './push';
import { importRoster } from './roster';
import { count, demoTeam, secondTeam, TEAM_B, visit } from './testing/fixtures';
import { STORES, freshStore } from './testing/stores';

/** A row as the browser sends it after parsing a file. */
const row = (over: Record<string, unknown> = {}) => ({
	building: '1',
	unit: '1',
	floor: 1,
	room: '101',
	head: '孙杰娜',
	phone: '10000000001',
	residents: 1,
	tags: [] as string[],
	note: '',
	...over
});

const seqNow = async (db: Db) =>
	Number((await db.get<{ value: number }>("SELECT value FROM counters WHERE name = 'seq'"))?.value);

async function imported(db: Db, auth: DeviceAuth, households: Record<string, unknown>[], dryRun?: boolean) {
	const outcome = await importRoster(db, auth, { households, dryRun });
	if (!outcome.ok) throw new Error(`import refused: ${JSON.stringify(outcome.problems)}`);
	return outcome.result;
}

describe.each(STORES)('roster import on $name', (kind) => {
	const db = freshStore(kind);

	it('saves nothing when one row is bad, and names each bad row', async () => {
		const t = await demoTeam(db());
		const before = { households: await count(db(), 'households'), seq: await seqNow(db()) };
		const outcome = await importRoster(db(), t.lead, {
			households: [
				row({ building: '9', room: '101', row: 2 }),
				row({ building: '9', room: '102', residents: 3.5, row: 3 }),
				row({ building: '9', room: '103', row: 4 }),
				row({ building: '9', room: '101', row: 5 }),
				row({ building: '', room: '104', row: 6 })
			]
		});
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.problems.map((p) => [p.row, p.field, p.code])).toEqual([
			[3, 'residents', 'residents_invalid'],
			[5, 'room', 'duplicate'],
			[6, 'building', 'required']
		]);
		expect(outcome.problems[1].otherRow).toBe(2);
		expect(await count(db(), 'households')).toBe(before.households);
		expect(await seqNow(db())).toBe(before.seq);
	});

	it('creates new households with a seq each, and a second identical import changes nothing', async () => {
		const t = await demoTeam(db());
		const before = await seqNow(db());
		const rows = [
			row({ building: '9号楼', unit: '1单元', room: '101' }),
			row({ building: '9', unit: '1', room: '1801', floor: 18, tags: ['孕妇'] })
		];
		const first = await imported(db(), t.lead, rows);
		expect(first).toMatchObject({ dryRun: false, created: 2, updated: 0, unchanged: 0, notInRoster: 72 });
		const made = await db().all<{ id: string; building: string; unit: string; tags: string; seq: number }>(
			"SELECT id, building, unit, tags, seq FROM households WHERE building = '9' ORDER BY room"
		);
		expect(made.map((h) => [h.building, h.unit, JSON.parse(h.tags)])).toEqual([
			['9', '1', []],
			['9', '1', ['孕妇']]
		]);
		expect(made.every((h) => Number(h.seq) > before)).toBe(true);
		expect(new Set(made.map((h) => Number(h.seq))).size).toBe(2);

		const after = await seqNow(db());
		const again = await imported(db(), t.lead, rows);
		expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, notInRoster: 72 });
		expect(await seqNow(db())).toBe(after);
	});

	it('keeps the id of a known household on re-import, so its recorded visit stays attached', async () => {
		const t = await demoTeam(db());
		const e = visit({ deviceId: t.volunteer.deviceId, householdId: 'demo-1-1-101', roundId: t.roundId });
		expect(await pushEvents(db(), t.volunteer, [e], 1)).toEqual([{ id: e.id, status: 'accepted' }]);
		const cursor = await seqNow(db());

		const result = await imported(db(), t.lead, [
			row({ head: '孙杰娜(新户主)', residents: 4, tags: ['独居老人'] }),
			row({ room: '102', head: '陈超杰' }),
			row({ building: '9', room: '901', floor: 9 })
		]);
		expect(result).toMatchObject({ created: 1, unchanged: 0, notInRoster: 70 });
		expect(result.updated).toBe(2);

		const h = await db().get<{ id: string; head: string; residents: number; tags: string; seq: number }>(
			"SELECT id, head, residents, tags, seq FROM households WHERE team_id = ? AND building = '1' AND unit = '1' AND room = '101'",
			[t.lead.teamId]
		);
		expect(h).toMatchObject({ id: 'demo-1-1-101', head: '孙杰娜(新户主)' });
		expect(Number(h?.residents)).toBe(4);
		expect(JSON.parse(h?.tags ?? '')).toEqual(['独居老人']);
		const stored = await db().get<{ household_id: string; body: string }>(
			'SELECT household_id, body FROM events WHERE id = ?',
			[e.id]
		);
		expect(stored?.household_id).toBe('demo-1-1-101');
		expect(JSON.parse(stored?.body ?? '')).toEqual(e);
		expect(await count(db(), 'households')).toBe(73);

		// What a device pulls after its cursor is exactly what the import changed.
		const changed = await db().all<{ id: string }>(
			'SELECT id FROM households WHERE team_id = ? AND seq > ? ORDER BY seq',
			[t.lead.teamId, cursor]
		);
		expect(changed).toHaveLength(3);
		expect(changed.map((c) => c.id)).toContain('demo-1-1-101');
		expect(changed.map((c) => c.id)).toContain('demo-1-1-102');
	});

	it('answers a dry run with the same counts and saves nothing', async () => {
		const t = await demoTeam(db());
		const before = { households: await count(db(), 'households'), seq: await seqNow(db()) };
		const result = await imported(db(), t.lead, [row({ head: '改名' }), row({ building: '9', room: '901' })], true);
		expect(result).toMatchObject({ dryRun: true, created: 1, updated: 1, unchanged: 0, notInRoster: 71 });
		expect(await count(db(), 'households')).toBe(before.households);
		expect(await seqNow(db())).toBe(before.seq);
	});

	it('touches only the importing team’s households', async () => {
		const t = await demoTeam(db());
		await secondTeam(db());
		await imported(db(), t.lead, [row({ head: '甲队新户主' })]);
		const b = await db().get<{ head: string; team_id: string }>('SELECT head, team_id FROM households WHERE id = ?', [
			TEAM_B.household
		]);
		expect(b).toEqual({ head: '乙户', team_id: TEAM_B.id });
	});

	it('refuses a volunteer device and saves nothing', async () => {
		const t = await demoTeam(db());
		const before = await count(db(), 'households');
		const attempt = importRoster(db(), t.volunteer, { households: [row({ building: '9' })] });
		await expect(attempt).rejects.toBeInstanceOf(HttpError);
		await expect(attempt).rejects.toMatchObject({ status: 403 });
		expect(await count(db(), 'households')).toBe(before);
	});

	it('imports 2,500 households in one go', async () => {
		const t = await demoTeam(db());
		const rows = Array.from({ length: 2500 }, (_, i) =>
			row({
				building: String(100 + Math.floor(i / 100)),
				unit: '1',
				room: String(101 + (i % 100)),
				floor: 1,
				head: `户${i}`,
				residents: i % 5
			})
		);
		const result = await imported(db(), t.lead, rows);
		expect(result).toMatchObject({ created: 2500, updated: 0, unchanged: 0, notInRoster: 72 });
		const sums = await db().get<{ n: number; people: number }>(
			"SELECT COUNT(*) AS n, SUM(residents) AS people FROM households WHERE team_id = ? AND head LIKE '户%'",
			[t.lead.teamId]
		);
		expect(Number(sums?.n)).toBe(2500);
		expect(Number(sums?.people)).toBe(rows.reduce((n, r) => n + (r.residents as number), 0));
	});
});
