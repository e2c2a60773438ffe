import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors';
import { leadTeam } from '../lead/team';
import { count, demoTeam, device, secondTeam, TEAM_B } from '../testing/fixtures';
import { STORES, freshStore } from '../testing/stores';
import { getPhoto, isJpeg, putPhoto } from './photos';

const status = (e: unknown) => (e instanceof HttpError ? e.status : e);
/** A JPEG's first bytes and some body: the store checks the magic, not the picture. */
const jpeg = (fill: number, size = 2000) =>
	Uint8Array.from({ length: size }, (_, i) => (i < 3 ? [0xff, 0xd8, 0xff][i] : (fill + i) % 256));
const ID = '0190f0a0-1234-7abc-8def-0123456789ab';

describe.each(STORES)('photos on $name', (kind) => {
	const db = freshStore(kind);

	it('stores the bytes for the team, with the device and time; the same bytes again are a duplicate', async () => {
		const t = await demoTeam(db());
		const bytes = jpeg(7);
		expect(await putPhoto(db(), t.volunteer, ID, bytes, new Date('2026-12-01T08:00:00Z'))).toBe('stored');
		expect(await putPhoto(db(), t.volunteer, ID, bytes)).toBe('duplicate');
		expect(await count(db(), 'photos')).toBe(1);
		expect(await getPhoto(db(), t.volunteer.teamId, ID)).toEqual(bytes);
		const row = await db().get<{ device_id: string; uploaded_at: string; size: number }>(
			'SELECT device_id, uploaded_at, size FROM photos WHERE team_id = ? AND id = ?',
			[t.volunteer.teamId, ID]
		);
		expect(row).toEqual({ device_id: t.volunteer.deviceId, uploaded_at: '2026-12-01T08:00:00.000Z', size: 2000 });
	});

	it('refuses other bytes under a taken id (409), keeping the first', async () => {
		const t = await demoTeam(db());
		await putPhoto(db(), t.volunteer, ID, jpeg(1));
		expect(status(await putPhoto(db(), t.lead, ID, jpeg(2)).catch((e) => e))).toBe(409);
		expect(await getPhoto(db(), t.volunteer.teamId, ID)).toEqual(jpeg(1));
	});

	it('refuses what is not a JPEG and an empty body, storing nothing', async () => {
		const t = await demoTeam(db());
		const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		expect(status(await putPhoto(db(), t.volunteer, ID, png).catch((e) => e))).toBe(415);
		expect(status(await putPhoto(db(), t.volunteer, ID, new Uint8Array()).catch((e) => e))).toBe(400);
		expect(await count(db(), 'photos')).toBe(0);
	});

	it("keeps teams apart: another team's photo is not found, and the same id is its own there", async () => {
		const t = await demoTeam(db());
		const b = await secondTeam(db());
		await putPhoto(db(), t.volunteer, ID, jpeg(1));
		expect(await getPhoto(db(), TEAM_B.id, ID)).toBeNull();
		expect(await putPhoto(db(), b.volunteer, ID, jpeg(2))).toBe('stored');
		expect(await getPhoto(db(), TEAM_B.id, ID)).toEqual(jpeg(2));
		expect(await getPhoto(db(), t.volunteer.teamId, ID)).toEqual(jpeg(1));
		// Only leads read: a volunteer's team is refused (403) before any photo is looked up.
		expect(status(await leadTeam(db(), t.volunteer).catch((e) => e))).toBe(403);
		const leadB = await device(db(), TEAM_B.leadCode);
		expect(await leadTeam(db(), leadB)).toBe(TEAM_B.id);
	});

	it('knows a JPEG by its first bytes', () => {
		expect(isJpeg(jpeg(0))).toBe(true);
		expect(isJpeg(Uint8Array.from([0xff, 0xd8]))).toBe(false);
		expect(isJpeg(new TextEncoder().encode('<svg></svg>'))).toBe(false);
	});
});
