import { z } from 'zod';
import type { FieldEvent } from '$lib/domain/schemas';
import type { DoorstepDb } from '../db';
import { request, RequestError } from '../request';
import type { Session } from '../session';
import { fromBase64 } from './photo-store';

const putAnswer = z.object({ id: z.string(), duplicate: z.boolean() });

const photoOf = (e: FieldEvent): string | undefined =>
	e.type === 'need_done' || e.type === 'distribution' ? e.photoId : undefined;

export interface PhotoUploadSummary {
	sent: number;
	aside: number;
	waiting: number;
}

/**
 * Sends the photos whose events the server has taken, one by one, after the push. An event
 * still in the outbox keeps its photo waiting; a refused event keeps its photo aside with it;
 * only the server's answer (stored or duplicate) deletes a photo from the device. A failed
 * upload stays for the next sync; no connection stops the round.
 */
export async function uploadPhotos(db: DoorstepDb, session: Session): Promise<PhotoUploadSummary> {
	const summary: PhotoUploadSummary = { sent: 0, aside: 0, waiting: 0 };
	const waiting = await db.photos.where('state').equals('waiting').primaryKeys();
	if (waiting.length === 0) return summary;
	const wanted = new Set(waiting);
	const refused = new Map<string, string>();
	for (const r of await db.rejected.toArray()) {
		const id = photoOf(r.event);
		if (id && wanted.has(id)) refused.set(id, r.reason);
	}
	const taken = new Set<string>();
	const events = await db.events.where('type').anyOf(['need_done', 'distribution']).toArray();
	const unsent = new Set(await db.outbox.toCollection().primaryKeys());
	for (const e of events) {
		const id = photoOf(e);
		if (id && wanted.has(id) && !unsent.has(e.id)) taken.add(id);
	}
	for (const id of waiting) {
		if (refused.has(id)) {
			await db.photos.update(id, { state: 'aside', reason: `event refused: ${refused.get(id)}` });
			summary.aside++;
			continue;
		}
		if (!taken.has(id)) {
			summary.waiting++;
			continue;
		}
		const row = await db.photos.get(id);
		if (!row) continue;
		try {
			await request(`/api/photos/${id}`, putAnswer, {
				method: 'PUT',
				token: session.token,
				bytes: new Blob([fromBase64(row.jpeg) as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }),
				timeoutMs: 60_000
			});
			await db.photos.delete(id);
			summary.sent++;
		} catch (err) {
			if (err instanceof RequestError && err.kind === 'refused') {
				await db.photos.update(id, { state: 'aside', reason: err.message });
				summary.aside++;
				continue;
			}
			await db.photos.update(id, { tries: row.tries + 1 });
			summary.waiting++;
			if (err instanceof RequestError && err.kind !== 'server') break;
		}
	}
	return summary;
}
