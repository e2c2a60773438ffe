import { liveQuery } from 'dexie';
import { liveQueryFailed, subscribeShared } from './shared-live';

/**
 * A Dexie live query as rune state: `value` is undefined until the first answer, then follows
 * every committed change. Call from component setup; it unsubscribes when the component goes.
 */
export function live<T>(query: () => Promise<T>): { readonly value: T | undefined } {
	let value = $state.raw<T | undefined>(undefined);
	$effect(() => {
		const sub = liveQuery(query).subscribe({ next: (v) => (value = v), error: liveQueryFailed });
		return () => sub.unsubscribe();
	});
	return {
		get value() {
			return value;
		}
	};
}

/** The last answer of a keyed live query, with the key it answers. */
export interface Answer<T> {
	key: string;
	value: T;
}

/**
 * A live query that depends on reactive input: when `key()` changes, the query is subscribed
 * afresh for the new key. `latest` is the last answer for any key (check its `key`), so a
 * screen can keep showing the previous answer until the new one arrives.
 */
export function liveFor<T>(
	key: () => string | undefined,
	query: (key: string) => Promise<T>
): { readonly latest: Answer<T> | undefined } {
	let latest = $state.raw<Answer<T> | undefined>(undefined);
	$effect(() => {
		const k = key();
		if (k === undefined) return;
		const sub = liveQuery(() => query(k)).subscribe({
			next: (value) => (latest = { key: k, value }),
			error: liveQueryFailed
		});
		return () => sub.unsubscribe();
	});
	return {
		get latest() {
			return latest;
		}
	};
}

/**
 * `live`, shared: every caller with the same `key` listens to one live query (subscribeShared),
 * so a screen whose sections need the same large read pays for it once. Call from component setup.
 */
export function liveShared<T>(key: string, query: () => Promise<T>): { readonly value: T | undefined } {
	let value = $state.raw<T | undefined>(undefined);
	$effect(() => subscribeShared(key, query, (v) => (value = v)));
	return {
		get value() {
			return value;
		}
	};
}
