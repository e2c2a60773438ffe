// The message formatter behind `$_`. The dictionaries use plain text with `{name}` placeholders
// only (no plural, select, number skeletons or tags), so the ~20 KB gz ICU runtime
// (intl-messageformat) bought nothing on the first paint. This does what it did for those
// messages: a placeholder becomes its value as text (numbers unformatted, a missing or empty
// value nothing), and `''` / a quote before a brace follow ICU's apostrophe rules.
// `format.spec.ts` checks every message of both dictionaries against intl-messageformat, so a
// message that needs more than this fails there, not on a volunteer's screen.

export type Values = Record<string, unknown>;

/** A dictionary: nested objects whose leaves are messages. */
export type Dictionary = { [key: string]: string | Dictionary };

/** The message at a dotted key, or undefined (an empty message counts as missing, as before). */
export function lookup(dict: Dictionary | undefined, key: string): string | undefined {
	let node: string | Dictionary | undefined = dict;
	for (const part of key.split('.')) {
		if (node === undefined || typeof node === 'string') return undefined;
		node = node[part];
	}
	return typeof node === 'string' && node !== '' ? node : undefined;
}

type Part = string | { arg: string };
const parsed = new Map<string, Part[] | null>();

/** Splits a message into text and `{name}` arguments; null if it uses anything more. */
function parse(message: string): Part[] | null {
	const parts: Part[] = [];
	let text = '';
	for (let i = 0; i < message.length; i++) {
		const c = message[i];
		if (c === "'") {
			const next = message[i + 1];
			if (next === "'") {
				text += "'";
				i++;
			} else if (next === '{' || next === '}') {
				// A quoted literal runs to the next lone apostrophe (or the end).
				let j = i + 1;
				for (; j < message.length; j++) {
					if (message[j] === "'" && message[j + 1] === "'") {
						text += "'";
						j++;
					} else if (message[j] === "'") break;
					else text += message[j];
				}
				i = j;
			} else text += c;
		} else if (c === '{') {
			const end = message.indexOf('}', i);
			const name = end < 0 ? '' : message.slice(i + 1, end).trim();
			if (!/^[\p{L}\p{N}_$-]+$/u.test(name)) return null;
			if (text) parts.push(text);
			text = '';
			parts.push({ arg: name });
			i = end;
		} else if (c === '}') return null;
		else text += c;
	}
	if (text) parts.push(text);
	return parts;
}

/**
 * A message with its values filled in. Without values the message is returned as written (as
 * before); a message this cannot read, or a value that is missing, leaves the message as written.
 */
export function format(message: string, values?: Values): string {
	if (!values) return message;
	let parts = parsed.get(message);
	if (parts === undefined) parsed.set(message, (parts = parse(message)));
	if (!parts) return message;
	let out = '';
	for (const p of parts) {
		if (typeof p === 'string') out += p;
		else {
			if (!(p.arg in values)) return message;
			const v = values[p.arg];
			out += typeof v === 'string' || typeof v === 'number' ? String(v) : v ? String(v) : '';
		}
	}
	return out;
}
