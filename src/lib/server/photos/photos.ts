import { createHash } from 'node:crypto';
import type { DeviceAuth } from '../auth';
import type { Db } from '../db';
import { HttpError } from '../errors';

/** A photo downscaled on the phone is 100–200 KB; 1 MB refuses anything that was not. */
export const MAX_PHOTO_BYTES = 1024 * 1024;

/** Every JPEG starts with SOI (FF D8) and the first marker's FF. */
export const isJpeg = (bytes: Uint8Array): boolean =>
	bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

export type PutPhotoResult = 'stored' | 'duplicate';

/**
 * Keeps one photo under its id for the device's team. Sending the same bytes again (a retry
 * whose answer was lost) is a duplicate; other bytes under an id already taken are refused (409),
 * never overwriting what a lead may already have seen.
 */
export async function putPhoto(
	db: Db,
	auth: DeviceAuth,
	id: string,
	bytes: Uint8Array,
	now = new Date()
): Promise<PutPhotoResult> {
	if (bytes.length === 0) throw new HttpError(400, 'body: a photo is needed');
	if (!isJpeg(bytes)) throw new HttpError(415, 'body: not a JPEG image');
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const inserted = await db.run(
		`INSERT INTO photos (team_id, id, bytes, sha256, size, device_id, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT DO NOTHING`,
		[auth.teamId, id, Buffer.from(bytes), sha256, bytes.length, auth.deviceId, now.toISOString()]
	);
	if (inserted === 1) return 'stored';
	const had = await db.get<{ sha256: string }>('SELECT sha256 FROM photos WHERE team_id = ? AND id = ?', [
		auth.teamId,
		id
	]);
	if (had?.sha256 === sha256) return 'duplicate';
	throw new HttpError(409, `id: photo ${id} already holds other bytes`);
}

/** The photo's bytes, or null when the team has none under that id. */
export async function getPhoto(db: Db, teamId: string, id: string): Promise<Uint8Array<ArrayBuffer> | null> {
	const row = await db.get<{ bytes: Uint8Array }>('SELECT bytes FROM photos WHERE team_id = ? AND id = ?', [
		teamId,
		id
	]);
	return row ? new Uint8Array(row.bytes) : null;
}
