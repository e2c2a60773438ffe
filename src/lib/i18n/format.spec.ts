import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { format, lookup, type Dictionary } from './format';
import { zhCN } from './zh-CN';

// The formatter must render every message of both dictionaries exactly as svelte-i18n did with
// intl-messageformat (svelte-i18n's settings: ignoreTag, the raw message when no values are
// given). A key added later with a plural or select fails here.

function leaves(dict: Dictionary, prefix = ''): [string, string][] {
	return Object.entries(dict).flatMap(([k, v]) =>
		typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)
	);
}

/** What intl-messageformat made of a message (svelte-i18n kept the message when it threw). */
function oracle(message: string, locale: string, values?: Record<string, unknown>): unknown {
	if (!values) return message;
	try {
		return new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).format(
			values as Record<string, string>
		);
	} catch {
		return message;
	}
}

/** Argument names the ICU parser finds in a message. */
function argNames(message: string): string[] {
	return [...message.matchAll(/\{\s*([^{},\s]+)\s*\}/g)].map((m) => m[1]);
}

const dictionaries: [string, Dictionary][] = [
	['zh-CN', zhCN],
	['en', en]
];

describe('the message formatter against intl-messageformat', () => {
	for (const [locale, dict] of dictionaries) {
		const messages = leaves(dict);
		it(`${locale}: every message, with text, numbers, zero, empty and missing values, and with none`, () => {
			expect(messages.length).toBeGreaterThan(300);
			let withArgs = 0;
			for (const [key, message] of messages) {
				const names = argNames(message);
				if (names.length) withArgs++;
				const cases: (Record<string, unknown> | undefined)[] = [
					undefined,
					{},
					Object.fromEntries(names.map((n, i) => [n, `值${i} <b>'x'</b> {y}`])),
					Object.fromEntries(names.map((n, i) => [n, 1234.5 * (i + 1)])),
					Object.fromEntries(names.map((n) => [n, 0])),
					Object.fromEntries(names.map((n) => [n, ''])),
					Object.fromEntries(names.map((n) => [n, null])),
					Object.fromEntries(names.slice(1).map((n) => [n, 'x']))
				];
				for (const values of cases)
					expect(format(message, values), `${locale} ${key} ${JSON.stringify(values)}`).toBe(
						oracle(message, locale, values)
					);
			}
			expect(withArgs).toBeGreaterThan(50);
		});
	}

	it('handles ICU quoting the same way', () => {
		for (const m of ["it''s {n}", "'{n}' is {n}", "a '{' b", "don't {n}", "'}' {n} ''{n}''", "x ''"])
			expect(format(m, { n: 'V' }), m).toBe(oracle(m, 'en', { n: 'V' }));
	});

	it('leaves a message it cannot read as written, as svelte-i18n did when the parser threw', () => {
		expect(format('{n, plural, one {# item} other {# items}}', { n: 2 })).toBe(
			'{n, plural, one {# item} other {# items}}'
		);
	});
});

describe('lookup', () => {
	it('finds nested keys, and treats a missing or empty message as missing', () => {
		expect(lookup(zhCN, 'enrol.title')).toBe('设备登记');
		expect(lookup(zhCN, 'enrol')).toBeUndefined();
		expect(lookup(zhCN, 'enrol.title.more')).toBeUndefined();
		expect(lookup(zhCN, 'no.such.key')).toBeUndefined();
		expect(lookup({ a: { b: '' } }, 'a.b')).toBeUndefined();
	});
});
