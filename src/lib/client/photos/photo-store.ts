import { uuidv7 } from 'uuidv7';
import type { DoorstepDb } from '../db';

/**
 * A photo an event names (a need's receipt, a parcel left at a door), kept until the server
 * has it. `jpeg` is sealed with residents' fields (vault/keyring.ts); the rest stays clear.
 * - `waiting`: sent once its event is in (never before, so an event never waits for it);
 * - `aside`: its event was refused, or the server refused the photo: kept, with the reason.
 */
export interface PhotoRow {
	id: string;
	state: 'waiting' | 'aside';
	/** Failed uploads, for the status screen. */
	tries: number;
	queuedAt: string;
	/** The JPEG, base64: the sealing stores JSON. */
	jpeg: string;
	reason?: string;
}

export function toBase64(bytes: Uint8Array): string {
	let text = '';
	for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(text);
}

export const fromBase64 = (b64: string): Uint8Array => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/** Keeps a downscaled JPEG before its event is recorded; the event then names the returned id. */
export async function keepPhoto(db: DoorstepDb, jpeg: Blob, now = new Date()): Promise<string> {
	const id = uuidv7();
	const bytes = new Uint8Array(await jpeg.arrayBuffer());
	await db.photos.add({ id, state: 'waiting', tries: 0, queuedAt: now.toISOString(), jpeg: toBase64(bytes) });
	return id;
}

/** A photo whose event was never recorded (the record failed): nothing names it, it goes. */
export const dropUnrecordedPhoto = (db: DoorstepDb, id: string) => db.photos.delete(id);
