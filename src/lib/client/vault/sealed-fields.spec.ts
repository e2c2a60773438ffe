import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { open, openingKey, openMany, seal } from './sealed-fields';

const key = () => crypto.getRandomValues(new Uint8Array(32));

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
