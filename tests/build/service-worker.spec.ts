import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '$lib/i18n/en';

// The PWA as built: what the service worker precaches is what opens with no signal. Reads the
// output of `npm run build` (npm test builds before it runs this).

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLIENT = join(ROOT, 'build', 'client');
const PRERENDERED = join(ROOT, 'build', 'prerendered');
const SW = join(CLIENT, 'sw.js');

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((d) => d.isFile())
		.map((d) => join(d.parentPath, d.name));
}

function precached(): string[] {
	if (!existsSync(SW)) throw new Error(`no ${relative(ROOT, SW)}: run \`npm run build\` first`);
	const sw = readFileSync(SW, 'utf8');
	const list = /precacheAndRoute\((\[[\s\S]*?\])/.exec(sw)?.[1];
	if (!list) throw new Error('no precache list in the built service worker');
	return [...list.matchAll(/url:"([^"]*)"/g)].map((m) => m[1]);
}

describe('the built service worker', () => {
	const urls = precached();
	const sw = readFileSync(SW, 'utf8');

	it('precaches the shell: every prerendered screen, the start page the navigation fallback serves, the manifest and icons', () => {
		const screens = files(PRERENDERED)
			.filter((f) => f.endsWith('.html'))
			.map((f) => relative(PRERENDERED, f).replace(/\.html$/, '').replace(/^index$/, '/'));
		expect(screens).toEqual(expect.arrayContaining(['/', 'grid', 'deliveries', 'sync', 'enrol', 'lead']));
		for (const s of screens) expect(urls, `screen ${s}`).toContain(s);
		expect(sw).toContain('createHandlerBoundToURL("/")');
		for (const f of ['manifest.webmanifest', 'icon-192.png', 'icon-512.png']) expect(urls).toContain(f);
	});

	it('precaches every script and style the app can load, so lazily loaded screens open offline', () => {
		const built = files(join(CLIENT, '_app', 'immutable'))
			.filter((f) => /\.(js|css)$/.test(f))
			.map((f) => relative(CLIENT, f));
		// Each screen is its own node chunk, fetched the first time the screen is opened.
		const screens = built.filter((f) => f.startsWith('_app/immutable/nodes/'));
		expect(screens.length).toBeGreaterThanOrEqual(14);
		for (const f of built) expect(urls, f).toContain(f);
	});

	it('precaches the English dictionary, which is its own chunk loaded only when chosen', () => {
		const marker = en.deliveries.quick.water;
		const chunks = files(join(CLIENT, '_app', 'immutable'))
			.filter((f) => f.endsWith('.js') && readFileSync(f, 'utf8').includes(marker))
			.map((f) => relative(CLIENT, f));
		expect(chunks).toHaveLength(1);
		expect(chunks[0]).toMatch(/^_app\/immutable\/chunks\//);
		expect(urls).toContain(chunks[0]);
	});

	it('never precaches the API, and never answers an API navigation with the shell', () => {
		expect(urls.filter((u) => /^\/?api(\/|$)/.test(u))).toEqual([]);
		expect(sw).toContain('denylist:[/^\\/api\\//]');
	});
});
