import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

import pkg from './package.json' with { type: 'json' };

/**
 * The oldest browsers supported are package.json's "browserslist" (README, "Supported phones"); the
 * build lowers syntax to them and `npm run check:browsers` (es-check) holds every built file to them.
 * Browserslist says "ios_saf >= 15.4", the bundler "ios15.4".
 */
const ENGINE: Record<string, string> = {
	chrome: 'chrome',
	and_chr: 'chrome',
	ios_saf: 'ios',
	safari: 'safari',
	firefox: 'firefox'
};
const browserTarget = pkg.browserslist.map((query) => {
	const [name, version] = query.split(' >= ');
	return ENGINE[name] + version;
});

/** The root layout's static imports, transitively: every screen loads them at its first paint. */
const shell = new Set<string>();

export default defineConfig({
	build: { target: browserTarget },
	// Only `npm run build:bench-clear` (for bench:field's sealed-against-clear figures) sets this; the
	// normal build has `false`, so the branch it guards is dropped (tests/build/bench-clear.spec.ts).
	define: { __DOORSTEP_BENCH_CLEAR__: JSON.stringify(process.env.DOORSTEP_BENCH_CLEAR === '1') },
	plugins: [
		sveltekit(),
		{
			// Issue 13: the Svelte runtime and SvelteKit's client in one chunk. Split by which screens
			// use which parts, they came as ~7 files on every screen's first paint; together they are
			// one request and no larger (every screen uses nearly all of it). And the root layout's
			// own imports (the database, the lock, the dictionary, the sync bar…) in one more: every
			// screen loads all of them, so no screen grows, and ~11 fewer requests start each cold
			// open (each costs the page's main thread, docs/benchmarks.md, session 13). Only the
			// browser's build: the server's chunks stay as SvelteKit makes them.
			name: 'doorstep-first-paint-chunks',
			apply: 'build',
			buildStart() {
				shell.clear();
			},
			// The layout's static imports, read once the module graph is complete (before any chunk is made).
			buildEnd() {
				const root = [...this.getModuleIds()].find((id) => /[\\/]src[\\/]routes[\\/]\+layout\.svelte$/.test(id));
				const queue = root ? [root] : [];
				while (queue.length) {
					const id = queue.pop()!;
					if (shell.has(id)) continue;
					shell.add(id);
					queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
				}
			},
			config(config, env) {
				if (env.isSsrBuild || config.build?.ssr) return;
				return {
					build: {
						rollupOptions: {
							output: {
								codeSplitting: {
									groups: [
										{
											name: 'framework',
											priority: 20,
											test: /node_modules[\\/](svelte|@sveltejs[\\/]kit|esm-env|devalue|clsx)[\\/]/
										},
										{ name: 'shell', priority: 10, test: (id: string) => shell.has(id) }
									]
								}
							}
						}
					}
				};
			}
		},
		SvelteKitPWA({
			registerType: 'prompt',
			// Absolute, so a page at /lead/devices registers /sw.js for the whole app, not /lead/sw.js.
			base: '/',
			scope: '/',
			manifest: {
				name: '一户不落 Doorstep',
				short_name: '一户不落',
				description: '社区志愿者离线入户采样与配送登记',
				lang: 'zh-CN',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				background_color: '#0f172a',
				theme_color: '#0f172a',
				icons: [
					{ src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
					{ src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			},
			workbox: {
				// Every screen is a prerendered shell; data comes from IndexedDB, never the server.
				navigateFallback: '/',
				navigateFallbackDenylist: [/^\/api\//]
			}
		})
	],
	test: {
		// Every core. Vitest's own default is one fewer than the machine has (numCpus - 1 in its
		// resolveMaxWorkers, though its docs say all), which on CI's two cores ran one file at a time
		// with the CPU 45 % idle, waiting on PostgreSQL and the disk: 293–323 s for the unit and rune
		// tests, 180 s with two workers and no faster with three (session 14).
		maxWorkers: '100%',
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: [
						'src/**/*.spec.ts',
						'tests/build/**/*.spec.ts',
						'tests/fuzz/**/*.spec.ts',
						'tests/system/**/*.spec.ts',
						'tests/server/**/*.spec.ts',
						'tests/bench/**/*.spec.ts'
					],
					exclude: ['src/**/*.svelte.spec.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					// Rune modules compiled for the browser, over an in-memory IndexedDB.
					name: 'runes',
					environment: './tests/support/rune-environment.ts',
					setupFiles: ['./tests/support/fake-indexeddb.ts'],
					include: ['src/**/*.svelte.spec.ts']
				}
			},
			{
				// The field loop in Chromium, Firefox ESR and WebKitGTK, against the built app (`npm run test:smoke`).
				extends: './vite.config.ts',
				test: {
					name: 'smoke',
					environment: 'node',
					include: ['tests/smoke/**/*.smoke.ts'],
					testTimeout: 180_000,
					hookTimeout: 60_000,
					fileParallelism: false
				}
			}
		]
	}
});
