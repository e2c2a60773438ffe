import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// bench:field measures sealing against a pass-through built only for it (`npm run
// build:bench-clear`, into bench/out/build-clear). The build that ships must hold the sealing
// middleware and no trace of the pass-through. Reads the output of `npm run build`.

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLIENT = join(ROOT, 'build', 'client');

function scripts(): { file: string; text: string }[] {
	if (!existsSync(CLIENT)) throw new Error(`no ${relative(ROOT, CLIENT)}: run \`npm run build\` first`);
	return readdirSync(CLIENT, { withFileTypes: true, recursive: true })
		.filter((d) => d.isFile() && d.name.endsWith('.js'))
		.map((d) => join(d.parentPath, d.name))
		.map((file) => ({ file: relative(ROOT, file), text: readFileSync(file, 'utf8') }));
}

describe('the normal build', () => {
	const all = scripts();

	it("seals residents' fields: the sealing middleware is in the client's code", () => {
		expect(all.filter((s) => /name:\s*["'`]sealing["'`]/.test(s.text)).map((s) => s.file)).not.toEqual([]);
	});

	it("holds no bench-only pass-through (the clear build's switch was dropped)", () => {
		expect(all.filter((s) => s.text.includes('bench-clear-passthrough')).map((s) => s.file)).toEqual([]);
	});
});
