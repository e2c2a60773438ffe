import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Unknown API paths answer in JSON like every other refusal, not with an HTML page. */
export const fallback: RequestHandler = () => json({ error: 'no such API endpoint' }, { status: 404 });
