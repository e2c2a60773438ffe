import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zhCN } from '$lib/i18n/zh-CN';

// Issue 13: the enrol page, the first a new volunteer opens, is prerendered with its form (in
// Chinese), so it paints before the app's code runs; the other screens stay empty shells drawn
// from IndexedDB. Reads the output of `npm run build`.

const ROOT = resolve(import.meta.dirname, '..', '..');
const PRERENDERED = join(ROOT, 'build', 'prerendered');

function html(screen: string): string {
	const page = join(PRERENDERED, `${screen}.html`);
	if (!existsSync(page)) throw new Error(`no ${relative(ROOT, page)}: run \`npm run build\` first`);
	return readFileSync(page, 'utf8');
}

describe('the prerendered enrol page', () => {
	const page = html('enrol');

	it('holds its heading, its text and the form in Chinese', () => {
		expect(page).toContain(`<h1>${zhCN.app.name} · ${zhCN.enrol.title}</h1>`);
		expect(page).toContain(zhCN.enrol.intro);
		for (const label of [zhCN.enrol.code, zhCN.enrol.name, zhCN.lock.confirmPin])
			expect(page).toMatch(new RegExp(`<label for="[\\w-]+">${label}</label>`));
		expect(page).toMatch(/<input id="code" name="code"/);
		expect(page).toMatch(/<input id="volunteer" name="volunteer"/);
		expect(page).toContain(`>${zhCN.enrol.submit}</button>`);
	});

	it('holds its submit button disabled until the form is running, so nothing is sent as a plain GET', () => {
		expect(page).toMatch(/<button class="primary submit[^"]*" type="submit" disabled="">/);
	});

	it('lets its inline start-up script run under its own policy (the script hash is in the meta CSP)', () => {
		const policy = /<meta http-equiv="content-security-policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
		const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
		expect(scripts.length).toBeGreaterThan(0);
		for (const s of scripts) expect(policy).toContain(`'sha256-${createHash('sha256').update(s).digest('base64')}'`);
	});

	it('is the only screen with content: the others are shells', () => {
		expect(html('grid')).not.toContain('<main');
		expect(html('index')).not.toContain('<main');
	});
});
