import { liveQuery } from 'dexie';
import { db, keyring } from './db';
import { getSession, type Session } from './session';
import { RequestError } from './request';
import { lockState } from './vault/lock-state.svelte';
import { LockedError } from './vault/keyring';
import { settleCareFold } from './care-fold';
import { refreshCareToday } from './care-today';

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'error';

/**
 * Keeps the device in step with the server: on start, on `online`, when the app becomes
 * visible, after each record, and on the button. Background Sync is never relied on.
 */
class SyncManager {
	phase = $state<SyncPhase>('idle');
	error = $state('');
	pending = $state(0);
	rejected = $state(0);
	lastSync = $state<string | null>(null);
	#running: Promise<void> | null = null;
	#again = false;
	#started = false;

	start(): void {
		if (this.#started) return;
		this.#started = true;
		liveQuery(() => db.outbox.count()).subscribe((n) => (this.pending = n));
		liveQuery(() => db.rejected.count()).subscribe((n) => (this.rejected = n));
		liveQuery(() => db.meta.get('lastSync')).subscribe(
			(row) => (this.lastSync = (row?.value as string | undefined) ?? null)
		);
		if (!navigator.onLine) this.phase = 'offline';
		addEventListener('online', () => void this.sync());
		addEventListener('offline', () => (this.phase = 'offline'));
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') void this.sync();
		});
		void this.sync();
	}

	/** Runs one sync; a request during a sync runs once more after it, never in parallel. */
	sync(): Promise<void> {
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#run().finally(() => {
			this.#running = null;
			if (this.#again) {
				this.#again = false;
				void this.sync();
			}
		});
		return this.#running;
	}

	#photos: Promise<unknown> | null = null;

	/** One photo round at a time; what it leaves waiting goes at the next sync. */
	#sendPhotos(session: Session): void {
		if (this.#photos) return;
		this.#photos = db.photos
			.where('state')
			.equals('waiting')
			.count()
			.then((n) => (n ? import('./photos/upload').then((m) => m.uploadPhotos(db, session)) : null))
			.catch(() => undefined)
			.finally(() => (this.#photos = null));
	}

	async #run(): Promise<void> {
		const session = await getSession(db);
		// Locked, the events cannot be read to send: the unlock starts a sync (lockState.onUnlock).
		if (!session || keyring.locked) return;
		if (!navigator.onLine) {
			this.phase = 'offline';
			return;
		}
		this.phase = 'syncing';
		try {
			// Loaded here, not at first paint: ./sync parses the server's pages with zod.
			const { syncOnce } = await import('./sync');
			await syncOnce(db, session);
			// issue 11: each pull page settles what it marked; what the push's answers marked (an
			// event leaving with its household) is rebuilt now, in the background, not on the next
			// open of the today list — behind any settle running (one at a time). A failure keeps the marks.
			// The today list's snapshot, if the sync's writes staled it, is kept again after that settle
			// (care-today.ts), so the next cold open of the list does not pay the whole read.
			void settleCareFold(db)
				.then(() => refreshCareToday(db, session.deviceId))
				.catch(() => undefined);
			// and a lead keeps the team's volunteers for pairing offline.
			// (Loaded only then: it parses the server's answer with zod.)
			if (session.role === 'lead')
				void import('./care-volunteers').then((m) => m.refreshVolunteers(db, session)).catch(() => undefined);
			// Issue 9: how an earlier enrolment's write-off request stands; never fails the sync.
			if (await db.aside.count()) await import('./vault/aside').then((m) => m.settleAside(db)).catch(() => {});
			// photos (issues 10, 12): sent after their events, in the background; never fails the sync.
			this.#sendPhotos(session);
			this.phase = 'idle';
			this.error = '';
		} catch (err) {
			// Locked halfway (the timer): nothing was lost, the unlock syncs again.
			if (err instanceof LockedError) {
				this.phase = 'idle';
				return;
			}
			// Revoked: the push went first and was taken; now residents' data leaves the device.
			if (err instanceof RequestError && err.kind === 'revoked') await lockState.revokedByServer();
			const offline = err instanceof RequestError && err.kind === 'offline';
			this.phase = offline ? 'offline' : 'error';
			this.error = err instanceof Error ? err.message : String(err);
		}
	}
}

export const syncManager = new SyncManager();
