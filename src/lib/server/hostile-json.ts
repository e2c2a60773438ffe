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
 * Iterative, so the check itself cannot overflow the stack. `skip` names a top-level array
 * whose items the caller judges one by one (a push's events); they are not entered here.
 */
export function hostileJson(value: unknown, maxDepth: number, skip?: string): string | null {
	const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
	while (stack.length) {
		const { value: v, path } = stack.pop() as (typeof stack)[number];
		const where = path.length ? path.join('.') : 'body';
		if (typeof v === 'string') {
			if (v.includes('\0')) return `${where}: contains a NUL character, which cannot be stored`;
		} else if (typeof v === 'number') {
			if (!Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v))) {
				return `${where}: number out of range`;
			}
		} else if (typeof v === 'object' && v !== null) {
			if (path.length >= maxDepth) return `${where}: nested deeper than ${maxDepth} levels`;
			if (skip !== undefined && path.length === 1 && path[0] === skip && Array.isArray(v)) continue;
			// Reversed onto the stack, so the first offending field in the document is named.
			for (const [key, inner] of Object.entries(v).reverse()) {
				if (key.includes('\0')) return `${where}: a field name contains a NUL character`;
				stack.push({ value: inner, path: [...path, Array.isArray(v) ? Number(key) : key] });
			}
		}
	}
	return null;
}
