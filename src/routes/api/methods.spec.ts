import { describe, expect, it } from 'vitest';

// Every endpoint file under src/routes/api, found on disk: a new route joins this test by existing.
const routes = import.meta.glob<Record<string, unknown>>('./**/+server.ts', { eager: true });

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Handler = (event: never) => Response | Promise<Response>;

const files = Object.entries(routes).map(([file, mod]) => ({
	file,
	mod,
	methods: METHODS.filter((m) => typeof mod[m] === 'function')
}));

describe('every API endpoint answers a method it does not have in JSON', () => {
	it('finds the route files', () => {
		// The sync, enrol, assignment, lead and roster routes at least; a broken glob would test nothing.
		expect(files.length).toBeGreaterThanOrEqual(12);
	});

	for (const { file, mod, methods } of files) {
		// The catch-all under /api answers 404 for every method, which is tested by its own spec.
		if (methods.length === 0) continue;
		const wrong = METHODS.filter((m) => !methods.includes(m));

		it(`${file} (${methods.join(', ')}) has a fallback`, () => {
			expect(typeof mod.fallback, `${file} exports no fallback`).toBe('function');
		});

		for (const method of wrong) {
			it(`${file} answers ${method} with 405 in JSON naming ${methods.join(' and ')}`, async () => {
				const fallback = mod.fallback as Handler | undefined;
				if (!fallback) throw new Error(`${file} exports no fallback`);
				const url = new URL('http://localhost/api/x');
				const response = await fallback({ request: new Request(url, { method }), url, params: {} } as never);
				expect(response.status).toBe(405);
				expect(response.headers.get('content-type')).toMatch(/application\/json/);
				expect(response.headers.get('allow')).toBe(methods.join(', '));
				const body = (await response.json()) as { error?: unknown };
				expect(body.error).toBe(`${method} is not allowed here; use ${methods.join(' or ')}`);
			});
		}
	}
});
