import { liveQuery } from 'dexie';
import { LockedError } from './vault/keyring';

/**
 * A live query's failed read, said on the console: Dexie drops it silently when the subscriber
 * has no error handler, and the screen then shows its last answer as if it were current until
 * the next commit. The error's kind and message only (Dexie's name keys, never rows); a locked
 * keyring is the lock doing its work, not a failure.
 */
export function liveQueryFailed(error: unknown): void {
	if (error instanceof LockedError) return;
	const e = error as { name?: string; message?: string } | undefined;
	console.error(`live query failed: ${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`);
}

interface Shared {
	listeners: Set<(value: unknown) => void>;
	answered: boolean;
	last: unknown;
	stop(): void;
}

/** One live query per key while anyone listens (see subscribeShared). */
const running = new Map<string, Shared>();

/**
 * Listens to the live query named `key`, started on the first listener and stopped when the last
 * one leaves: sections of one screen that need the same large read (the coverage screen's field
 * and care sections both need the team's 10,000 households) share one read and one opening of
 * its sealed rows on each commit, instead of each paying for its own (docs/benchmarks.md,
 * issue 13, session 9). A listener that joins later gets the last answer at once, then every
 * answer after it. The answer is the same object for every listener: never mutate it.
 * `query` must be the same read for the same key; only the first listener's runs.
 * Returns the function that stops listening.
 */
export function subscribeShared<T>(key: string, query: () => Promise<T>, next: (value: T) => void): () => void {
	let entry = running.get(key);
	if (!entry) {
		const started: Shared = { listeners: new Set(), answered: false, last: undefined, stop: () => undefined };
		const sub = liveQuery(query).subscribe({
			next(value) {
				started.answered = true;
				started.last = value;
				for (const listener of started.listeners) listener(value);
			},
			// A failed read (a locked keyring) ends a live query: the next listener starts afresh.
			error(error) {
				liveQueryFailed(error);
				if (running.get(key) === started) running.delete(key);
			}
		});
		started.stop = () => sub.unsubscribe();
		running.set(key, (entry = started));
	}
	const joined = entry;
	const listener = next as (value: unknown) => void;
	joined.listeners.add(listener);
	if (joined.answered) listener(joined.last);
	return () => {
		joined.listeners.delete(listener);
		if (joined.listeners.size > 0) return;
		joined.stop();
		if (running.get(key) === joined) running.delete(key);
	};
}
