import { liveQuery } from 'dexie';
import type { LockRules } from '$lib/domain/lock-rules';
import { checkLockRules, DEFAULT_LOCK_RULES } from '$lib/domain/lock-rules-check';
import { db, keyring } from '../db';
import type { Session } from '../session';
import {
	changePin,
	disablePrf,
	enablePrf,
	erasedOnRevoke,
	hasPin,
	hasPrfKey,
	MAX_PIN_FAILS,
	pinTries,
	setPin,
	unlock,
	unlockWithPrf
} from './vault';
import { keepDrafts } from './drafts';

/**
 * - `loading`: not known yet (nothing of residents' data is drawn);
 * - `none`: no device enrolled;
 * - `needsPin`: enrolled before PINs existed: the volunteer sets one, which seals the data in place;
 * - `changePin`: unlocked with a PIN shorter than the team now asks for: a new one first;
 * - `locked` / `open`.
 */
export type LockStatus = 'loading' | 'none' | 'needsPin' | 'changePin' | 'locked' | 'open';
/** Back from the background after this long, the app is locked. */
const BACKGROUND_LOCK_MS = 30_000;
const CHECK_MS = 10_000;

/**
 * Whether residents' data may be shown. The data key lives only in memory, so every cold start
 * or reload begins locked; it locks again after the team's lock minutes unused (rules.lockMinutes,
 * from the last pull) or on coming back from the background after BACKGROUND_LOCK_MS.
 */
/**
 * The rules row the sync keeps (meta is never sealed, so this reads while locked too). Checked
 * without zod: this runs at every cold start, on the lock screen's first paint.
 */
async function storedRules(): Promise<LockRules> {
	return checkLockRules((await db.meta.get('lockRules'))?.value) ?? { ...DEFAULT_LOCK_RULES };
}

class LockState {
	status = $state<LockStatus>('loading');
	fails = $state(0);
	/** When the next PIN may be tried (ms since the epoch): the back-off after wrong PINs. */
	retryAt = $state(0);
	wiped = $state(false);
	/** Fingerprint / face unlock is set up on this device. */
	prf = $state(false);
	/** The team's lock rules as last pulled (the defaults before the first pull). */
	rules = $state<LockRules>({ ...DEFAULT_LOCK_RULES });
	/** The lead revoked this device: residents' data is erased and the screen says why. */
	revoked = $state(false);
	#lastUse = Date.now();
	#hiddenAt: number | null = null;
	#watching = false;
	/** Called after each unlock (the sync manager hands in what waited). */
	onUnlock: () => void = () => {};

	async load(session: Session | null): Promise<void> {
		this.#watchRules();
		if (!session) {
			this.status = 'none';
			return;
		}
		if (!(await hasPin(db))) {
			// The street office's screens read counts from the server and keep no resident on the device.
			this.status = session.role === 'admin' ? 'open' : 'needsPin';
			return;
		}
		keyring.expectPin();
		({ fails: this.fails, retryAt: this.retryAt } = await pinTries(db));
		this.wiped = (await db.meta.get('wiped')) !== undefined;
		this.revoked = (await db.meta.get('revoked')) !== undefined;
		this.prf = await hasPrfKey(db);
		this.status = keyring.locked ? 'locked' : 'open';
		this.#watch();
	}

	async setPin(pin: string): Promise<void> {
		await setPin(db, keyring, pin, this.rules.pinLength);
		this.prf = await hasPrfKey(db);
		this.fails = 0;
		this.retryAt = 0;
		this.wiped = false;
		this.revoked = false;
		this.#opened();
	}

	/** Tries a PIN; resolves true when it opened the app. */
	async unlock(pin: string): Promise<boolean> {
		const result = await unlock(db, keyring, pin);
		if (!result.ok) {
			this.fails = MAX_PIN_FAILS - result.left;
			this.retryAt = result.retryAt;
			if (!('waiting' in result)) this.wiped ||= result.wiped;
			return false;
		}
		this.fails = 0;
		this.retryAt = 0;
		this.wiped = false;
		// The lead asked for longer PINs since this one was set: a new one before anything shows.
		this.rules = await storedRules();
		if (!this.requireLength(pin)) this.#opened();
		// After the screen's status is set: the screen it opens mounts (and holds the deferred
		// work while it reads, after-paint.ts) before the first frame the deferred work waits for.
		this.onUnlock();
		return true;
	}

	/** Unlocks with the fingerprint or face (throws when the platform refuses: the PIN remains). */
	async unlockWithPrf(): Promise<void> {
		await unlockWithPrf(db, keyring);
		this.fails = 0;
		this.retryAt = 0;
		this.wiped = false;
		this.#opened();
		this.onUnlock();
	}

	async enablePrf(name: string): Promise<void> {
		await enablePrf(db, keyring, name);
		this.prf = true;
	}

	async disablePrf(): Promise<void> {
		await disablePrf(db);
		this.prf = false;
	}

	/** Asks for a new PIN when `pin` is shorter than the team's rule; true when it did. */
	requireLength(pin: string): boolean {
		if (pin.length >= this.rules.pinLength) return false;
		this.status = 'changePin';
		return true;
	}

	/** The new, longer PIN: the same data key wrapped again under it. */
	async changePin(pin: string): Promise<void> {
		await changePin(db, keyring, pin, this.rules.pinLength);
		this.#opened();
	}

	async revokedByServer(): Promise<void> {
		await erasedOnRevoke(db);
		this.revoked = true;
	}

	/**
	 * A forgotten PIN: the lead is asked to approve the loss of the unsent records, which are set
	 * aside, still sealed, until it does (vault/aside.ts); the rest is erased and the phone enrols
	 * again at once (throws, changing nothing, when the server cannot be told).
	 */
	async askWriteOff(): Promise<void> {
		// Loaded here, not at first paint: the request's answer is parsed with zod.
		const { askAndSetAside } = await import('./aside');
		await askAndSetAside(db, keyring);
		this.fails = 0;
		this.retryAt = 0;
		this.wiped = false;
		this.revoked = false;
		this.prf = false;
		this.status = 'none';
	}

	lock(): void {
		if (this.status !== 'open' && this.status !== 'changePin') return;
		keepDrafts();
		keyring.lock();
		this.status = 'locked';
	}

	#rulesWatched = false;
	/** Follows the rules row the sync writes, so a lead's change applies without a restart. */
	#watchRules(): void {
		if (this.#rulesWatched) return;
		this.#rulesWatched = true;
		liveQuery(storedRules).subscribe((rules) => (this.rules = rules));
	}

	#opened(): void {
		this.status = 'open';
		this.#lastUse = Date.now();
		this.#watch();
	}

	#watch(): void {
		if (this.#watching) return;
		this.#watching = true;
		const used = () => (this.#lastUse = Date.now());
		for (const type of ['pointerdown', 'keydown', 'scroll'])
			addEventListener(type, used, { passive: true, capture: true });
		setInterval(() => {
			if (Date.now() - this.#lastUse >= this.rules.lockMinutes * 60_000) this.lock();
		}, CHECK_MS);
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'hidden') this.#hiddenAt = Date.now();
			else if (this.#hiddenAt !== null && Date.now() - this.#hiddenAt >= BACKGROUND_LOCK_MS) this.lock();
		});
	}
}

export const lockState = new LockState();
