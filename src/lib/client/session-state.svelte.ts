import { db } from './db';
import { getSession, type Session } from './session';

/** The enrolled device, loaded once from IndexedDB; undefined while loading, null when none. */
class SessionState {
	current = $state<Session | null | undefined>(undefined);
	#loading: Promise<Session | null> | null = null;

	async load(): Promise<Session | null> {
		this.current = (await getSession(db)) ?? null;
		return this.current;
	}

	/** The session, waiting for the first load: a child screen mounts before the layout's load ends. */
	ready(): Promise<Session | null> {
		if (this.current !== undefined) return Promise.resolve(this.current);
		this.#loading ??= this.load();
		return this.#loading;
	}
}

export const sessionState = new SessionState();
