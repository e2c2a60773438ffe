import type { Environment } from 'vitest/environments';

/**
 * Rune modules (`*.svelte.ts`) as the browser runs them: compiled for the client, so `$state`,
 * `$derived` and `$effect` are live (the server build turns them into plain values), but in
 * Node, with IndexedDB from fake-indexeddb (tests/support/fake-indexeddb.ts). No DOM: the
 * modules tested here need none.
 */
export default {
	name: 'runes',
	viteEnvironment: 'client',
	setup() {
		return { teardown() {} };
	}
} satisfies Environment;
