import { liveQuery } from 'dexie';

/**
 * A Dexie live query as rune state: `value` is undefined until the first answer, then follows
 * every committed change. Call from component setup; it unsubscribes when the component goes.
 */
export function live<T>(query: () => Promise<T>): { readonly value: T | undefined } {
	let value = $state<T | undefined>(undefined);
	$effect(() => {
		const sub = liveQuery(query).subscribe({ next: (v) => (value = v) });
		return () => sub.unsubscribe();
	});
	return {
		get value() {
			return value;
		}
	};
}
