/** An answer with a status and a message a person can act on; handle() turns it into JSON. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly issues?: string[],
		/** Extra headers, e.g. Retry-After on a 429. */
		readonly headers?: Record<string, string>
	) {
		super(message);
	}
}
