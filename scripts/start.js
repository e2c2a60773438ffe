// Starts the built app on the embedded SQLite store unless DATABASE_URL says otherwise.
//
// Our own small Node server around adapter-node's handler (its documented "custom server"), so
// that every answer — the prerendered pages and static files too, which never reach SvelteKit's
// hooks — carries the security headers, and so that SIGTERM closes the store cleanly.
import http from 'node:http';

process.env.PORT ??= '3000';
process.env.HOST ??= '0.0.0.0';
process.env.DATA_DIR ??= 'data';
// Roster imports can be large; every endpoint still applies its own, smaller limit.
process.env.BODY_SIZE_LIMIT ??= '8M';

const { handler } = await import('../build/handler.js');

/**
 * Page scripts are limited by SvelteKit's own Content-Security-Policy (svelte.config.js), which
 * carries the hash of each page's inline start-up script; this header adds what a <meta> policy
 * cannot say (frame-ancestors) and applies to every answer.
 */
const HEADERS = {
	'content-security-policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'no-referrer',
	'permissions-policy': 'camera=(self), microphone=(), geolocation=()'
};

/**
 * True for an API path that ends in '/' once the URL parser has read it (`/api/photos/` and
 * `/api/photos/.` alike). SvelteKit answers such a path with a 308 redirect to the path without
 * the slash, before any hook sees it; no API path ends in '/', so it is answered as an unknown
 * API path is (src/routes/api/[...rest]): JSON, 404. Found by the API fuzz test.
 * @param {string} url
 */
function slashedApiPath(url) {
	try {
		return new URL(url, 'http://localhost').pathname.endsWith('/');
	} catch {
		return false;
	}
}

const server = http.createServer((req, res) => {
	for (const [name, value] of Object.entries(HEADERS)) res.setHeader(name, value);
	// Answers about residents must never sit in a browser's or a proxy's HTTP cache.
	if (req.url?.startsWith('/api/')) {
		res.setHeader('cache-control', 'no-store');
		if (slashedApiPath(req.url)) {
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: 'no such API endpoint' }));
			return;
		}
	}
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

server.listen({ port: Number(process.env.PORT), host: process.env.HOST });

/**
 * SIGTERM (a deploy, a container stop): stop taking connections, let requests in flight finish
 * (at most SHUTDOWN_TIMEOUT seconds), then close the store so SQLite checkpoints and PostgreSQL
 * connections end cleanly. Whatever a device was told "received" was committed before that.
 */
let stopping = false;
function shutdown() {
	if (stopping) return;
	stopping = true;
	const timeout = setTimeout(() => process.exit(1), Number(process.env.SHUTDOWN_TIMEOUT ?? 10) * 1000);
	server.close(async () => {
		await new Promise((done) => process.emit('doorstep:close-store', done) || done());
		clearTimeout(timeout);
		process.exit(0);
	});
	server.closeIdleConnections();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
