import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 13: the volunteer's screens paint without zod. It loads with the first record (or the
// first call whose answer is parsed), never with the screen. Reads the output of `npm run
// build`: the scripts a prerendered screen preloads and imports, and everything they import
// statically, must not hold zod. (A lazily imported chunk is not followed: it loads later.)

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLIENT = join(ROOT, 'build', 'client');
const PRERENDERED = join(ROOT, 'build', 'prerendered');
/** Strings zod leaves in minified code (bench/field looks for the same). */
const ZOD = /ZodError|\$ZodType/;

/** The screen's scripts: what its page names, and their static imports, transitively. */
function firstPaintScripts(screen: string): string[] {
	const page = join(PRERENDERED, `${screen}.html`);
	if (!existsSync(page)) throw new Error(`no ${relative(ROOT, page)}: run \`npm run build\` first`);
	const html = readFileSync(page, 'utf8');
	return withStaticImports([...html.matchAll(/_app\/immutable\/[\w./-]+\.js/g)].map((m) => join(CLIENT, m[0])));
}

/** The files and everything they import statically, transitively. */
function withStaticImports(files: string[]): string[] {
	const queue = [...files];
	const seen = new Set<string>();
	while (queue.length) {
		const file = queue.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		const code = readFileSync(file, 'utf8');
		// `import{a as b}from"./x.js"` and `import"./x.js"`; `import("./x.js")` is lazy and skipped.
		for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g))
			queue.push(resolve(file, '..', m[1]));
	}
	return [...seen];
}

describe('the volunteer screens at first paint', () => {
	for (const screen of ['grid', 'deliveries', 'sync', 'enrol']) {
		it(`/${screen} loads no zod`, () => {
			const scripts = firstPaintScripts(screen);
			expect(scripts.length).toBeGreaterThan(5);
			const withZod = scripts.filter((f) => ZOD.test(readFileSync(f, 'utf8'))).map((f) => relative(CLIENT, f));
			expect(withZod).toEqual([]);
		});
	}
});

describe('the root layout at first paint', () => {
	// vite.config.ts groups the layout's imports (every screen loads all of them) into one chunk
	// beside the framework's: 15 files before, each a request the page's main thread pays for.
	it('loads its node, the framework chunk, the shell chunk and the bundler helper: 4 files at most', () => {
		const nodes = join(CLIENT, '_app', 'immutable', 'nodes');
		const root = readdirSync(nodes).find((f) => f.startsWith('0.'));
		if (!root) throw new Error('no root layout node in the build: run `npm run build` first');
		expect(withStaticImports([join(nodes, root)]).length).toBeLessThanOrEqual(4);
	});
});
