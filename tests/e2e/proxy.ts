import { createServer, type Server } from 'node:http';

/**
 * A front for the app server that can ship a new service worker (an app update) and refuse
 * pushes, so a test can update the app while events are still unsent.
 */
export class UpdateProxy {
	version = 1;
	refusePush = false;
	#server: Server;

	constructor(
		readonly port: number,
		target: string
	) {
		// Conditional headers are dropped so a changed service worker is never answered with 304.
		this.#server = createServer((req, res) => {
			void (async () => {
				const chunks: Buffer[] = [];
				for await (const c of req) chunks.push(c as Buffer);
				if (this.refusePush && req.url?.startsWith('/api/sync/push')) {
					res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"unavailable"}');
					return;
				}
				const upstream = await fetch(target + req.url, {
					method: req.method,
					headers: Object.fromEntries(
						Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'accept-encoding', 'if-none-match', 'if-modified-since'].includes(k))
					) as Record<string, string>,
					body: chunks.length ? Buffer.concat(chunks) : undefined
				});
				let body = Buffer.from(await upstream.arrayBuffer());
				if (req.url === '/sw.js' && this.version > 1) {
					body = Buffer.concat([body, Buffer.from(`\n// app version ${this.version}\n`)]);
				}
				const headers: Record<string, string> = {};
				upstream.headers.forEach((v, k) => {
					if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k)) headers[k] = v;
				});
				res.writeHead(upstream.status, headers).end(body);
			})().catch(() => res.writeHead(502).end());
		});
	}

	listen(): Promise<void> {
		return new Promise((resolve) => this.#server.listen(this.port, '127.0.0.1', resolve));
	}

	close(): Promise<void> {
		return new Promise((resolve) => this.#server.close(() => resolve()));
	}
}
