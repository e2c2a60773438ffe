import { describe, expect, it } from 'vitest';
import { checkPin, createKey, PinFormatError, unwrapKey, wrapKey, WrongPinError } from './pin-key';
import { open, seal } from './sealed-fields';

describe('PIN and data key', () => {
	it('unwraps the data key with the right PIN only', async () => {
		const { key, stored } = await createKey('246810', 6, 1000);
		expect(key).toHaveLength(32);
		expect(await unwrapKey(stored, '246810')).toEqual(key);
		await expect(unwrapKey(stored, '246811')).rejects.toBeInstanceOf(WrongPinError);
		// The stored form holds neither the key nor the PIN.
		const raw = JSON.stringify([...stored.salt, ...stored.iv, ...stored.wrapped]);
		expect(raw).not.toContain(JSON.stringify([...key]).slice(1, -1));
	});

	it('wraps the same key differently each time (fresh salt and IV)', async () => {
		const key = crypto.getRandomValues(new Uint8Array(32));
		const a = await wrapKey(key, '135790', 1000);
		const b = await wrapKey(key, '135790', 1000);
		expect(a.wrapped).not.toEqual(b.wrapped);
		expect(await unwrapKey(b, '135790')).toEqual(key);
	});

	it('refuses a PIN that is too short or not digits, naming the length', () => {
		expect(() => checkPin('12345')).toThrow(PinFormatError);
		expect(() => checkPin('12345a')).toThrow('6 or more digits');
		expect(() => checkPin('1234567', 8)).toThrow('8 or more digits');
		expect(() => checkPin('123456')).not.toThrow();
	});
});

describe('sealed fields', () => {
	const key = crypto.getRandomValues(new Uint8Array(32));

	it('opens what it sealed, and nothing of it is readable sealed', () => {
		const value = { head: '李秀英', phone: '13800001111', tags: ['孕妇'] };
		const box = seal(key, value);
		expect(new TextDecoder().decode(box)).not.toContain('13800001111');
		expect(open(key, box)).toEqual(value);
	});

	it('refuses another key and an altered box', () => {
		const box = seal(key, { note: 'x' });
		expect(() => open(crypto.getRandomValues(new Uint8Array(32)), box)).toThrow();
		box[box.length - 1] ^= 1;
		expect(() => open(key, box)).toThrow();
	});
});
