import { gcm } from '@noble/ciphers/aes.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { open, openingKey, openMany, seal } from './sealed-fields';

const NONCE = 12;
const key = () => crypto.getRandomValues(new Uint8Array(32));

/** A box as noble's own one-shot GCM makes it (the format every sealed row on a device has). */
function nobleBox(k: Uint8Array, value: unknown): Uint8Array {
	const nonce = crypto.getRandomValues(new Uint8Array(NONCE));
	const body = gcm(k, nonce).encrypt(new TextEncoder().encode(JSON.stringify(value)));
	const out = new Uint8Array(NONCE + body.length);
	out.set(nonce);
	out.set(body, NONCE);
	return out;
}

describe('seal and open', () => {
	it('opens what noble’s one-shot GCM sealed, any value, any length, many boxes under one key', () => {
		const k = key();
		fc.assert(
			fc.property(fc.jsonValue(), fc.string({ unit: 'grapheme', maxLength: 600 }), (value, text) => {
				for (const v of [value, text, { head: text, n: 1 }]) {
					const expected = JSON.parse(JSON.stringify(v) ?? 'null');
					expect(open(k, nobleBox(k, v ?? null))).toEqual(expected);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('what it opens, noble’s GCM opens the same (seal and open agree both ways)', () => {
		const k = key();
		const box = seal(k, { phone: '13912345678', tags: ['独居'] });
		const plain = gcm(k, box.subarray(0, NONCE)).decrypt(box.subarray(NONCE));
		expect(JSON.parse(new TextDecoder().decode(plain))).toEqual(open(k, box));
	});

	it('refuses a box with any byte altered, or under another key, and never reads it', () => {
		const k = key();
		const box = seal(k, { note: '左耳助听器' });
		for (let i = 0; i < box.length; i++) {
			const bad = box.slice();
			bad[i] ^= 1;
			expect(() => open(k, bad), `byte ${i}`).toThrow();
		}
		expect(() => open(key(), box)).toThrow();
		expect(() => open(k, box.subarray(0, NONCE + 15))).toThrow();
		expect(open(k, box)).toEqual({ note: '左耳助听器' });
	});

	it('opens a box that does not start on a 32-bit boundary (a view into a larger buffer)', () => {
		const k = key();
		const box = seal(k, { tube: 'T0099887' });
		const shifted = new Uint8Array(box.length + 1);
		shifted.set(box, 1);
		expect(open(k, shifted.subarray(1))).toEqual({ tube: 'T0099887' });
	});
});

describe('sealed fields: one box format, opened one by one or in a batch', () => {
	it('a batch through WebCrypto opens what seal sealed, as open does', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 8 }), async (values) => {
				const k = key();
				const boxes = values.map((v) => seal(k, v));
				expect(await openMany(await openingKey(k), boxes)).toEqual(boxes.map((b) => open(k, b)));
			}),
			{ numRuns: 50 }
		);
	});

	it('refuses an altered box and a box sealed with another key', async () => {
		const k = key();
		const box = seal(k, { name: '张奶奶' });
		const altered = box.slice();
		altered[20] ^= 1;
		await expect(openMany(await openingKey(k), [seal(k, 1), altered])).rejects.toThrow();
		await expect(openMany(await openingKey(key()), [box])).rejects.toThrow();
		expect(await openMany(await openingKey(k), [box])).toEqual([{ name: '张奶奶' }]);
	});
});
