import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// The PWA plugin registers its own service worker from the root layout.
		serviceWorker: { register: false },
		// Test fixtures and helpers shared by unit, system and browser tests live outside src/.
		alias: { $tests: 'tests' }
	}
};

export default config;
