/**
 * Deepest nesting any request body may have. The deepest real one is a push (body → events →
 * a delivery request → its order → items: 5 levels); JSON.stringify and zod recurse, and a
 * body nested 100,000 deep would overflow the stack and answer 500.
 */
export const MAX_BODY_DEPTH = 16;

/** Deepest nesting one event may have (a delivery request's items are 3 levels down). */
export const MAX_EVENT_DEPTH = 8;

/**
 * What no request may carry, by path, or null: nesting deeper than `maxDepth`; a NUL character
 * in a string or a key (PostgreSQL text cannot hold one while SQLite would store it, so both
 * stores refuse it here and answer alike); a number JSON does not round-trip exactly (1e400
 * parses to Infinity, 2^53 + 1 is not itself). Each field's own range is its schema's job.
 *
 * Recursive but never deeper than `maxDepth` (checked before entering), so the check itself
 * cannot overflow the stack; the path is built only on the way back from a problem, because
 * this runs on every event of every push. The first offending field in document order is
 * named. `skip` names a top-level array whose items the caller judges one by one (a push's
 * events); they are not entered here.
 */
export function hostileJson(value: unknown, maxDepth: number, skip?: string): string | null {
	const found = problemIn(value, 0, maxDepth, skip);
	if (!found) return null;
	const where = found.path.length ? found.path.reverse().join('.') : 'body';
	return `${where}: ${found.what}`;
}

/** A problem and its path, innermost key first (the caller reverses it once). */
type Problem = { path: (string | number)[]; what: string };

function problemIn(v: unknown, depth: number, maxDepth: number, skip: string | undefined): Problem | null {
	if (typeof v === 'string') {
		return v.includes('\0') ? { path: [], what: 'contains a NUL character, which cannot be stored' } : null;
	}
	if (typeof v === 'number') {
		const exact = Number.isFinite(v) && (!Number.isInteger(v) || Number.isSafeInteger(v));
		return exact ? null : { path: [], what: 'number out of range' };
	}
	if (typeof v !== 'object' || v === null) return null;
	if (depth >= maxDepth) return { path: [], what: `nested deeper than ${maxDepth} levels` };
	if (Array.isArray(v)) {
		for (let i = 0; i < v.length; i++) {
			const inner = problemIn(v[i], depth + 1, maxDepth, undefined);
			if (inner) return (inner.path.push(i), inner);
		}
		return null;
	}
	const record = v as Record<string, unknown>;
	const keys = Object.keys(record);
	if (keys.some((key) => key.includes('\0'))) return { path: [], what: 'a field name contains a NUL character' };
	for (const key of keys) {
		if (depth === 0 && key === skip && Array.isArray(record[key])) continue;
		const inner = problemIn(record[key], depth + 1, maxDepth, undefined);
		if (inner) return (inner.path.push(key), inner);
	}
	return null;
}
