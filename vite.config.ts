import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
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
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.spec.ts', 'tests/build/**/*.spec.ts', 'tests/fuzz/**/*.spec.ts', 'tests/system/**/*.spec.ts'],
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
			}
		]
	}
});
