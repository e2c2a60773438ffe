import { db } from '../db';
import { requestBlob, RequestError } from '../request';
import { getSession } from '../session';
import { dropUnrecordedPhoto, keepPhoto } from './photo-store';

/**
 * A photo from the server for the lead's screen, as an object URL the caller revokes. Fetched
 * on demand and kept in memory only: nothing of it is written to the device.
 */
export async function photoUrl(photoId: string): Promise<string> {
	const session = await getSession(db);
	if (!session) throw new RequestError('unauthorised', 'not enrolled');
	const blob = await requestBlob(`/api/photos/${encodeURIComponent(photoId)}`, { token: session.token });
	return URL.createObjectURL(blob);
}

/**
 * Records an event with its optional photo: the photo is kept (sealed) first, so the event can
 * name it; a photo that cannot be kept is left out rather than holding the record back, and a
 * record that fails takes its photo with it (nothing else names it).
 */
export async function recordWithPhoto<T>(photo: Blob | null, save: (photoId?: string) => Promise<T>): Promise<T> {
	const photoId = photo ? await keepPhoto(db, photo).catch(() => undefined) : undefined;
	try {
		return await save(photoId);
	} catch (err) {
		if (photoId) await dropUnrecordedPhoto(db, photoId).catch(() => undefined);
		throw err;
	}
}
