import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// The bench-only clear build (see vite.config.ts) goes to its own directory, never build/.
		adapter: adapter({ out: process.env.DOORSTEP_BENCH_CLEAR === '1' ? 'bench/out/build-clear' : 'build' }),
		// The PWA plugin registers its own service worker from the root layout.
		serviceWorker: { register: false },
		// Every page may run only its own scripts: the inline start-up script by its hash (in a
		// <meta> policy on each prerendered page), the rest from this origin. frame-ancestors and
		// the other header-only rules come from scripts/start.js.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Svelte sets inline style attributes (transitions, widths of progress bars).
				'style-src': ['self', 'unsafe-inline'],
				// QR codes are drawn as data: URLs; camera frames as blobs.
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				// read-excel-file's unzipper (fflate) inflates a part over 512 KB in a worker it
				// builds from a blob: URL; without blob: a roster of ~2,500 rows never finishes.
				'worker-src': ['self', 'blob:'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
		// Test fixtures and helpers shared by unit, system and browser tests live outside src/.
		alias: { $tests: 'tests' }
	}
};

export default config;
