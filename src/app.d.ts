/// <reference types="vite-plugin-pwa/client" />
/// <reference types="vite-plugin-pwa/info" />
/// <reference types="vite-plugin-pwa/svelte" />

declare global {
	/** True only in bench:field's clear build (vite.config.ts); residents' fields then stay unsealed. */
	const __DOORSTEP_BENCH_CLEAR__: boolean;
	namespace App {
		interface Error {
			message: string;
		}
	}
}

export {};
