import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from './db';
import { DEMO_TEAM } from './demo';
import { pushEvents } from './push';
import { listQuarantine, QUARANTINE_BYTES_PER_DEVICE, QUARANTINE_ROWS_PER_DEVICE } from './quarantine';
import { STORES, freshStore } from './testing/stores';
import { demoTeam, device, secondTeam, TEAM_B, DEMO } from './testing/fixtures';

/** A batch of junk a broken device might send: every event refused, each ~3 KB. */
const junk = (round: number, n = 50): unknown[] =>
	Array.from({ length: n }, (_, i) => ({ id: `junk-${round}-${i}`, note: 'x'.repeat(3000), v: 99 }));

const totals = async (db: Db, deviceId: string) => {
	const row = await db.get<{ n: number; bytes: number | null }>(
		'SELECT COUNT(*) AS n, SUM(bytes) AS bytes FROM quarantine WHERE device_id = ?',
		[deviceId]
	);
	return { n: Number(row?.n), bytes: Number(row?.bytes ?? 0) };
};

describe.each(STORES)('quarantine on $name', (kind) => {
	const db = freshStore(kind);

	it('keeps at most the cap per device, dropping the oldest first, and the lead sees who sent what', async () => {
		const { volunteer, lead } = await demoTeam(db());
		const other = await device(db(), DEMO.volunteerCode, '小张');
		await pushEvents(db(), other, junk(0, 3), 3);
		for (let round = 1; round <= 12; round++) await pushEvents(db(), volunteer, junk(round), 50);
		const kept = await totals(db(), volunteer.deviceId);
		expect(kept.n).toBeLessThanOrEqual(QUARANTINE_ROWS_PER_DEVICE);
		expect(kept.bytes).toBeLessThanOrEqual(QUARANTINE_BYTES_PER_DEVICE);
		expect(kept.n).toBeGreaterThan(0);
		// The other device's three are untouched by the volunteer's flood.
		expect(await totals(db(), other.deviceId)).toMatchObject({ n: 3 });

		const list = await listQuarantine(db(), lead);
		// Newest first: the last batch's last event heads the list; the first rounds are gone.
		expect(list.refused[0]).toMatchObject({
			eventId: 'junk-12-49',
			deviceId: volunteer.deviceId,
			volunteer: '测试志愿者',
			role: 'volunteer'
		});
		expect(list.refused[0].reason).toMatch(/^v: unknown event schema version 99/);
		expect(list.refused.some((r) => r.eventId.startsWith('junk-1-'))).toBe(false);
		expect(
			list.refused
				.filter((r) => r.deviceId === other.deviceId)
				.map((r) => r.eventId)
				.sort()
		).toEqual(['junk-0-0', 'junk-0-1', 'junk-0-2']);
		expect(list.devices).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ deviceId: volunteer.deviceId, kept: kept.n, bytes: kept.bytes })
			])
		);
		expect(JSON.stringify(list)).not.toContain('xxxx');
	});

	it('is for leads of the team only', async () => {
		const { volunteer } = await demoTeam(db());
		await secondTeam(db());
		const leadB = await device(db(), TEAM_B.leadCode);
		await pushEvents(db(), volunteer, junk(1, 2), 2);
		await expect(listQuarantine(db(), volunteer)).rejects.toMatchObject({ status: 403 });
		expect((await listQuarantine(db(), leadB)).refused).toEqual([]);
		await expect(listQuarantine(db(), leadB, DEMO_TEAM.id)).rejects.toMatchObject({ status: 403 });
	});

	it('stops growing under a flood of junk: rows and bytes flat once at the cap', async () => {
		const { volunteer } = await demoTeam(db());
		const seen: { n: number; bytes: number }[] = [];
		for (let round = 1; round <= 40; round++) {
			await pushEvents(db(), volunteer, junk(round), 50);
			if (round >= 10) seen.push(await totals(db(), volunteer.deviceId));
		}
		expect(new Set(seen.map((s) => s.n)).size).toBe(1);
		expect(Math.max(...seen.map((s) => s.bytes))).toBeLessThanOrEqual(QUARANTINE_BYTES_PER_DEVICE);
	});
});

describe('quarantine on disk (SQLite file)', () => {
	it('the file stops growing once the cap is reached', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'doorstep-quarantine-'));
		const db = await openDb('', dir);
		try {
			const { volunteer } = await demoTeam(db);
			const size = async () => {
				await db.run('PRAGMA wal_checkpoint(TRUNCATE)');
				return statSync(join(dir, 'doorstep.sqlite')).size;
			};
			const sizes: number[] = [];
			for (let round = 1; round <= 40; round++) {
				await pushEvents(db, volunteer, junk(round), 50);
				if (round % 10 === 0) sizes.push(await size());
			}
			// 40 × 50 × 3 KB were refused (6 MB, 29 MB before the cap); the file holds the cap's worth.
			expect(sizes[3]).toBeLessThan(2 * 1024 * 1024);
			// Freed pages are reused: from round 20 on, the file does not grow.
			expect(sizes[3]).toBeLessThanOrEqual(sizes[1]);
		} finally {
			await db.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
