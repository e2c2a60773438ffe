import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/out/', 'data/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				tsconfigRootDir: import.meta.dirname
			}
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: { parser: ts.parser, svelteConfig }
		}
	},
	{
		rules: {
			// Unawaited IndexedDB and fetch promises are how field apps lose work silently.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
		}
	},
	{
		// The domain is the one fold every device and the server share: pure functions over plain
		// data, so it runs the same in a browser, in Node and in a property test of thousands of runs.
		files: ['src/lib/domain/**'],
		// One entry per boundary, each with its own reason, so the message says why it exists.
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/client', '$lib/client/**'],
							message:
								'src/lib/domain is pure: the client (IndexedDB, sync, rune state) calls the domain, never the other way.'
						},
						{
							group: ['$lib/server', '$lib/server/**'],
							message:
								'src/lib/domain is pure and runs in the browser too: the server calls the domain, never the other way.'
						},
						{
							regex: '^(\\.\\./)+(client|server|components)(/|$)',
							message:
								'src/lib/domain is pure: it may not reach into the client, the server or components by a relative path.'
						},
						{
							group: ['dexie', 'dexie/**'],
							message: 'src/lib/domain does no I/O: storage belongs in src/lib/client/db.ts.'
						},
						{
							group: ['$app/*', '$app/**'],
							message:
								"src/lib/domain does not depend on SvelteKit's runtime: it must run in plain Node (server, tests, benchmarks)."
						},
						{
							regex: '\\.svelte(\\.[jt]s)?$',
							message:
								'src/lib/domain holds no components or rune state: put Svelte code in src/lib/client, src/lib/components or src/routes.'
						}
					]
				}
			]
		}
	},
	{
		files: ['**/*.js'],
		...ts.configs.disableTypeChecked
	}
);
