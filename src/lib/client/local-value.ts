/**
 * A small preference kept in this browser's localStorage (language, the unit the volunteer
 * was standing in, the end of the lead's shift): never records, which live in IndexedDB.
 *
 * Values are written as JSON. A stored value is read back through `accept`, which returns the
 * value or undefined for anything it does not recognise (an old format, a hand-edited entry),
 * and then the fallback is used: a preference can be forgotten, never crash a screen. Text
 * that is not JSON is offered to `accept` as the plain string, so values written before this
 * helper (the bare 'en' of the language switch) still read.
 */
export interface LocalValue<T> {
	get(): T;
	set(value: T): void;
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

export function localValue<T>(
	key: string,
	fallback: () => T,
	accept: (stored: unknown) => T | undefined,
	// Prerendering runs in Node, where there is no localStorage: the fallback answers there.
	storage: () => Store | undefined = () => (typeof localStorage === 'undefined' ? undefined : localStorage)
): LocalValue<T> {
	return {
		get() {
			const raw = storage()?.getItem(key);
			if (raw === null || raw === undefined) return fallback();
			let stored: unknown;
			try {
				stored = JSON.parse(raw);
			} catch {
				stored = raw;
			}
			return accept(stored) ?? fallback();
		},
		set(value) {
			try {
				storage()?.setItem(key, JSON.stringify(value));
			} catch {
				// Storage full or refused (a private window): the preference lasts this visit only.
			}
		}
	};
}
