import { HttpError } from '../errors';

/** The HTTP status a store call answers with: 200 when it resolves, the HttpError's when refused. */
export async function httpStatus(p: Promise<unknown>): Promise<number> {
	try {
		await p;
	} catch (err) {
		if (err instanceof HttpError) return err.status;
		throw err;
	}
	return 200;
}
