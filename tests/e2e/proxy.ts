import { createServer, type Server } from 'node:http';

/** What the proxy does with one request: pass it, answer 503, or lose the answer. */
export type Fault = 'pass' | 'unavailable' | 'lose-answer';

/**
 * A front for the app server that can ship a new service worker (an app update), refuse
 * requests, or forward a request and then drop the connection so its answer is lost — the
 * faults a stairwell connection produces, placed exactly.
 */
export class FaultProxy {
	version = 1;
	rule: (url: string) => Fault = () => 'pass';
	/** Runs after a request was forwarded and before its answer would be relayed. */
	afterForward: (url: string) => Promise<void> = async () => {};
	#server: Server;

	constructor(
		readonly port: number,
		target: string
	) {
		// Conditional headers are dropped so a changed service worker is never answered with 304.
		const dropped = ['host', 'connection', 'accept-encoding', 'if-none-match', 'if-modified-since'];
		this.#server = createServer((req, res) => {
			void (async () => {
				const url = req.url ?? '/';
				const chunks: Buffer[] = [];
				for await (const c of req) chunks.push(c as Buffer);
				const fault = this.rule(url);
				if (fault === 'unavailable') {
					res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"unavailable"}');
					return;
				}
				const upstream = await fetch(target + url, {
					method: req.method,
					headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => !dropped.includes(k))) as Record<
						string,
						string
					>,
					body: chunks.length ? Buffer.concat(chunks) : undefined
				});
				let body = Buffer.from(await upstream.arrayBuffer());
				await this.afterForward(url);
				if (fault === 'lose-answer') {
					req.socket.destroy();
					return;
				}
				if (url === '/sw.js' && this.version > 1) {
					body = Buffer.concat([body, Buffer.from(`\n// app version ${this.version}\n`)]);
				}
				const headers: Record<string, string> = {};
				upstream.headers.forEach((v, k) => {
					if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k)) headers[k] = v;
				});
				res.writeHead(upstream.status, headers).end(body);
			})().catch(() => {
				if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end('{"error":"bad gateway"}');
			});
		});
	}

	listen(): Promise<void> {
		return new Promise((resolve) => this.#server.listen(this.port, '127.0.0.1', resolve));
	}

	close(): Promise<void> {
		this.#server.closeAllConnections();
		return new Promise((resolve) => this.#server.close(() => resolve()));
	}
}
