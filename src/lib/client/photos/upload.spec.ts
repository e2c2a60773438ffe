import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventSchema } from '$lib/domain/schemas';
import { authenticate, enrol, type DeviceAuth } from '$lib/server/auth';
import { migrate } from '$lib/server/db/migrate';
import { SqliteDb } from '$lib/server/db/sqlite';
import { HttpError } from '$lib/server/errors';
import { createRound } from '$lib/server/lead/rounds';
import { getPhoto, putPhoto } from '$lib/server/photos/photos';
import { DEMO, seedDemo } from '$lib/server/testing/fixtures';
import { syncFetch } from '$lib/server/testing/sync-fetch';
import { DEMO_TEAM } from '$lib/server/demo';
import { DISTRIBUTION_DEF } from '$tests/support/round-events';
import { openDoorstepDb, type DoorstepDb } from '../db';
import { record } from '../record';
import type { Session } from '../session';
import { pullChanges, syncOnce } from '../sync';
import { Keyring } from '../vault/keyring';
import { keepPhoto } from './photo-store';
import { uploadPhotos } from './upload';

/**
 * Photos after their events (issues 10, 12): the client's upload against the real server store,
 * only HTTP replaced by a direct call; `photosDown` makes the photo endpoint unreachable.
 */
let server: SqliteDb;
let photosDown = false;

/** The photo endpoint, in-process; `photosDown` makes it unreachable. */
async function photoAnswer(url: URL, auth: DeviceAuth, init?: RequestInit): Promise<Response | null> {
	if (!url.pathname.startsWith('/api/photos/')) return null;
	if (photosDown) throw new TypeError('network down');
	const id = url.pathname.split('/').pop()!;
	const bytes = new Uint8Array(await new Response(init?.body).arrayBuffer());
	try {
		const r = await putPhoto(server, auth, id, bytes);
		return Response.json({ id, duplicate: r === 'duplicate' }, { status: r === 'stored' ? 201 : 200 });
	} catch (err) {
		if (err instanceof HttpError) return Response.json({ error: err.message }, { status: err.status });
		throw err;
	}
}

const JPEG = Uint8Array.from({ length: 5000 }, (_, i) => (i < 3 ? [0xff, 0xd8, 0xff][i] : i % 251));
const jpegBlob = () => new Blob([JPEG], { type: 'image/jpeg' });

let name = '';
async function device(keyring?: Keyring): Promise<{ db: DoorstepDb; session: Session }> {
	const e = await enrol(server, DEMO.volunteerCode, '拍照');
	if (!e) throw new Error('enrol failed');
	name = `photos-${Math.random()}`;
	const db = openDoorstepDb(name, keyring);
	const session: Session = { ...e, volunteer: '拍照' };
	await pullChanges(db, session);
	return { db, session };
}

async function leftAtDoor(db: DoorstepDb, session: Session, photoId: string) {
	const lead = await authenticate(server, `Bearer ${(await enrol(server, DEMO.leadCode, '组长'))!.token}`);
	const round = (
		await createRound(server, lead, { date: '2026-11-23', kind: 'distribution', definition: DISTRIBUTION_DEF })
	).value;
	return record(db, session, {
		type: 'distribution',
		householdId: 'demo-1-1-101',
		roundId: round.id,
		outcome: 'left_at_door',
		quantity: 1,
		note: '',
		replaces: [],
		photoId
	});
}

beforeEach(async () => {
	server = new SqliteDb(':memory:');
	await migrate(server);
	await seedDemo(server);
	photosDown = false;
	vi.stubGlobal(
		'fetch',
		syncFetch(() => server, { other: photoAnswer })
	);
});
afterEach(async () => {
	vi.unstubAllGlobals();
	await server.close();
});

describe('photos after their events', () => {
	it('waits for its event, goes after the push, and leaves the device only once the server has it', async () => {
		const a = await device();
		const photoId = await keepPhoto(a.db, jpegBlob());
		const event = await leftAtDoor(a.db, a.session, photoId);
		// The event is still in the outbox: the photo waits, nothing is sent.
		expect(await uploadPhotos(a.db, a.session)).toEqual({ sent: 0, aside: 0, waiting: 1 });
		expect(await getPhoto(server, DEMO_TEAM.id, photoId)).toBeNull();

		expect(await syncOnce(a.db, a.session)).toEqual({ accepted: 1, rejected: 0 });
		// No connection for the photo: it stays, counted as a try; the event is in regardless.
		photosDown = true;
		expect(await uploadPhotos(a.db, a.session)).toEqual({ sent: 0, aside: 0, waiting: 1 });
		expect(await a.db.photos.get(photoId)).toMatchObject({ state: 'waiting', tries: 1 });
		expect(await server.get('SELECT id FROM events WHERE id = ?', [event.id])).toBeDefined();

		photosDown = false;
		expect(await uploadPhotos(a.db, a.session)).toEqual({ sent: 1, aside: 0, waiting: 0 });
		expect(await getPhoto(server, DEMO_TEAM.id, photoId)).toEqual(JPEG);
		expect(await a.db.photos.count()).toBe(0);
	});

	it('keeps a photo aside with its refused event, and one the server refuses, never deleting either', async () => {
		const a = await device();
		const refusedPhoto = await keepPhoto(a.db, jpegBlob());
		const event = await leftAtDoor(a.db, a.session, refusedPhoto);
		// What a push does with an event the server refuses: out of the outbox, into rejected.
		await a.db.transaction('rw', [a.db.outbox, a.db.events, a.db.rejected], async () => {
			await a.db.outbox.delete(event.id);
			await a.db.events.delete(event.id);
			await a.db.rejected.put({ id: event.id, reason: 'refused', at: event.at, event });
		});
		// Another photo whose id the server already holds with other bytes (409).
		const clash = await keepPhoto(a.db, jpegBlob());
		await putPhoto(
			server,
			await authenticate(server, `Bearer ${a.session.token}`),
			clash,
			Uint8Array.from([0xff, 0xd8, 0xff, 0x00])
		);
		await leftAtDoor(a.db, a.session, clash);
		await syncOnce(a.db, a.session);

		expect(await uploadPhotos(a.db, a.session)).toEqual({ sent: 0, aside: 2, waiting: 0 });
		expect(await a.db.photos.get(refusedPhoto)).toMatchObject({ state: 'aside', reason: 'event refused: refused' });
		expect(await a.db.photos.get(clash)).toMatchObject({ state: 'aside' });
		expect(await getPhoto(server, DEMO_TEAM.id, refusedPhoto)).toBeNull();
	});

	it('keeps the picture sealed on the device when a PIN is set', async () => {
		const keyring = new Keyring();
		keyring.unlock(crypto.getRandomValues(new Uint8Array(32)));
		const a = await device(keyring);
		const photoId = await keepPhoto(a.db, jpegBlob());
		const raw = new Dexie(name);
		await raw.open();
		const row = (await raw.table('photos').get(photoId)) as Record<string, unknown>;
		expect(Object.keys(row).sort()).toEqual(['id', 'sealed', 'state', 'tries']);
		raw.close();
		// Read through the app's database, it opens again.
		expect((await a.db.photos.get(photoId))?.jpeg.length).toBeGreaterThan(6000);
	});
});

describe('an event naming a photo, and older builds', () => {
	it('an older build parses a pulled event with a field it does not know, dropping only that field', () => {
		const later = {
			id: 'e1',
			deviceId: 'd1',
			volunteer: '甲',
			at: '2026-12-01T08:00:00.000Z',
			type: 'visit',
			householdId: 'h1',
			roundId: 'r1',
			outcome: 'refused',
			sampled: 0,
			residents: 1,
			tube: '',
			note: '',
			replaces: [],
			photoId: '0190f0a0-1234-7abc-8def-0123456789ab'
		};
		// A visit has no photo in this build: exactly what a need_done with one is to an older build.
		const parsed = eventSchema.parse(later);
		expect(parsed).not.toHaveProperty('photoId');
		expect(parsed).toMatchObject({ id: 'e1', type: 'visit' });
	});
});
