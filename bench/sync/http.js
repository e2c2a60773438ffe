// A small keep-alive HTTP client on node:http, shared by every server the load benchmark
// drives (ours and the peer), so the client's own cost is the same for both.

import http from 'node:http';

/**
 * @param {number} port  a loopback port
 * @param {number} maxSockets  connections kept open at most (requests beyond wait in the agent)
 */
export function httpClient(port, maxSockets = 64) {
	const agent = new http.Agent({ keepAlive: true, maxSockets });
	/**
	 * @param {string} method
	 * @param {string} path
	 * @param {string | null} body  already serialised JSON
	 * @param {Record<string, string>} headers
	 * @returns {Promise<{ status: number, text: string, ms: number }>}
	 */
	function request(method, path, body = null, headers = {}) {
		return new Promise((resolve, reject) => {
			const started = performance.now();
			const req = http.request(
				{
					host: '127.0.0.1',
					port,
					method,
					path,
					agent,
					headers: {
						...headers,
						...(body === null ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
					}
				},
				(res) => {
					/** @type {Buffer[]} */
					const chunks = [];
					res.on('data', (c) => chunks.push(c));
					res.on('end', () =>
						resolve({
							status: res.statusCode ?? 0,
							text: Buffer.concat(chunks).toString('utf8'),
							ms: performance.now() - started
						})
					);
					res.on('error', reject);
				}
			);
			req.on('error', reject);
			if (body !== null) req.write(body);
			req.end();
		});
	}
	return { request, close: () => agent.destroy() };
}

/**
 * Runs `count` tasks with at most `limit` in flight; bounded by count, never by time.
 * @template T
 * @param {number} count
 * @param {number} limit
 * @param {(i: number) => Promise<T>} task
 * @returns {Promise<T[]>}
 */
export async function pool(count, limit, task) {
	const out = new Array(count);
	let next = 0;
	async function worker() {
		while (next < count) {
			const i = next++;
			out[i] = await task(i);
		}
	}
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
	return out;
}
