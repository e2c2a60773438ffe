import { onDestroy } from 'svelte';

/**
 * What an open sheet held when the lock took the screen away (the layout unmounts every screen
 * while locked): kept in this module's memory only — never in IndexedDB, where it would sit in
 * clear — and handed back once when the screen is drawn again after the unlock. A reload or cold
 * start forgets it, as it forgets the data key.
 */
const drafts = new Map<string, unknown>();
/** The open sheets' readers, asked at the moment the lock fires. */
const keepers = new Map<string, () => unknown>();

/** The draft a screen left when the lock fired, once: taking it forgets it. */
export function takeDraft<T>(name: string): T | undefined {
	const draft = drafts.get(name) as T | undefined;
	drafts.delete(name);
	return draft;
}

/**
 * Called while a component is set up: should the app lock while it is on screen, what `read`
 * returns then is kept under `name` for takeDraft. (Read at the lock itself, not at the
 * component's teardown, which Svelte may run later.)
 */
export function keepOnLock<T>(name: string, read: () => T): void {
	keepers.set(name, read);
	onDestroy(() => {
		if (keepers.get(name) === read) keepers.delete(name);
	});
}

/** The lock is firing: every open sheet's state is kept (lockState.lock calls this first). */
export function keepDrafts(): void {
	for (const [name, read] of keepers) drafts.set(name, read());
}
