import fc from 'fast-check';
import type { DeviceAuth } from '$lib/server/auth';
import type { Db } from '$lib/server/db';
import { putPhoto } from '$lib/server/photos/photos';

/**
 * Photos (issues 10, 12): one photo of the demo team stored before the fuzz. The fuzz never sends
 * a JPEG (its string bodies are UTF-8: no body starts FF D8 FF), so every PUT is refused; reads
 * come from a volunteer, another team's lead or no device, or name an id that is not a uuid.
 */
export const FUZZ_PHOTO_ID = '0190f0a0-1234-7abc-8def-0123456789ab';

export async function photoFixture(db: Db, volunteer: DeviceAuth): Promise<void> {
	const jpeg = Uint8Array.from({ length: 500 }, (_, i) => (i < 3 ? [0xff, 0xd8, 0xff][i] : i % 251));
	await putPhoto(db, volunteer, FUZZ_PHOTO_ID, jpeg);
}

interface Req {
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: string;
	/** any4xx: a form content type, refused by the framework's CSRF check (403 in text). */
	expect: 'json4xx' | 'any4xx';
}

const FORM_TYPES = ['text/plain', 'multipart/form-data', 'application/x-www-form-urlencoded'];

const auth = (bearer?: string): Record<string, string> => (bearer ? { authorization: bearer } : {});

export interface PhotoBearers {
	lead: string;
	leadB: string;
	volunteer: string;
	volunteerB: string;
	revoked: string;
}

export function photosHostile(b: PhotoBearers) {
	const weird = fc.string({ unit: 'grapheme', maxLength: 60 });
	const anyId = fc.oneof(
		fc.uuid(),
		fc.constant(FUZZ_PHOTO_ID),
		fc.constantFrom('not-a-uuid', '%00', 'x'.repeat(65), '..%2F..%2Fetc'),
		weird.map(encodeURIComponent).filter((s) => s.length > 0)
	);
	const devices = fc.constantFrom(b.lead, b.leadB, b.volunteer, b.volunteerB, b.revoked);
	const badToken = fc.constantFrom(undefined, 'Basic x', 'Bearer ' + 'x'.repeat(43));
	return fc.oneof(
		// A body that is not a JPEG, under any content type, from any device.
		fc
			.tuple(
				fc.oneof(devices, badToken),
				anyId,
				fc.constantFrom('image/jpeg', 'image/png', 'application/json', 'text/plain', 'multipart/form-data', ''),
				fc.oneof(weird, fc.constantFrom('', '{}', 'GIF89a', '\u00ff\u00d8\u00ff\u00e0'))
			)
			.map(([token, id, type, body]): Req => ({
				method: 'PUT',
				path: `/api/photos/${id}`,
				headers: { ...(type && { 'content-type': type }), ...auth(token) },
				body,
				expect: FORM_TYPES.includes(type) ? 'any4xx' : 'json4xx'
			})),
		// Over the size limit (the server's own limit or the photo's 1 MB, whichever comes first).
		fc.constantFrom(b.volunteer, b.lead).map((token): Req => ({
			method: 'PUT',
			path: `/api/photos/${FUZZ_PHOTO_ID}`,
			headers: { 'content-type': 'image/jpeg', ...auth(token) },
			body: 'x'.repeat(1024 * 1024 + 10),
			expect: 'json4xx'
		})),
		// Reading: never the team's lead with a real id (that would be a 200).
		fc
			.tuple(fc.oneof(fc.constantFrom(b.volunteer, b.volunteerB, b.leadB, b.revoked), badToken), anyId)
			.map(([token, id]): Req => ({
				method: 'GET',
				path: `/api/photos/${id}`,
				headers: auth(token),
				expect: 'json4xx'
			})),
		fc
			.constantFrom('not-a-uuid', '0190f0a0-1234-7abc-8def-000000000000', `${FUZZ_PHOTO_ID}?team=team-b`)
			.map((id): Req => ({ method: 'GET', path: `/api/photos/${id}`, headers: auth(b.lead), expect: 'json4xx' }))
	);
}
