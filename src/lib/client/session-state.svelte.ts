import { db } from './db';
import { getSession, type Session } from './session';

/** The enrolled device, loaded once from IndexedDB; undefined while loading, null when none. */
class SessionState {
	current = $state<Session | null | undefined>(undefined);

	async load(): Promise<Session | null> {
		this.current = (await getSession(db)) ?? null;
		return this.current;
	}
}

export const sessionState = new SessionState();
