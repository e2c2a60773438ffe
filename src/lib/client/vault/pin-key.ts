/**
 * The device's data key, wrapped by a key derived from the volunteer's PIN. Everything here is
 * WebCrypto: PBKDF2-SHA256 derives the wrapping key, AES-GCM wraps the data key (its tag is
 * what tells a wrong PIN). The PIN and the data key never leave the device.
 */

/**
 * PBKDF2-SHA256 iterations: 600 000, OWASP's figure for PBKDF2-HMAC-SHA256. Unlock measured
 * at a median of 155 ms (p95 172 ms) in Chromium at CPU 4× (`npm run bench:lock`, docs/benchmarks.md),
 * under the 1 s. It does not make a 6-digit PIN safe against someone who copies the
 * wrapped key off the phone and guesses offline (10^6 PINs); it buys time, and the ten-try
 * wipe guards the app itself.
 */
export const PIN_ITERATIONS = 600_000;
export const MIN_PIN_LENGTH = 6;
export const DATA_KEY_BYTES = 32;

/** What the device stores about its key: nothing here reveals the PIN or the key. */
export interface WrappedKey {
	salt: Uint8Array;
	iv: Uint8Array;
	/** The data key, AES-GCM encrypted under the PIN's key. */
	wrapped: Uint8Array;
	iterations: number;
}

export class PinFormatError extends Error {
	constructor(readonly minLength: number) {
		super(`a PIN is ${minLength} or more digits`);
	}
}

export class WrongPinError extends Error {
	constructor() {
		super('wrong PIN');
	}
}

/** A PIN is digits only, at least `minLength` of them (the lead may ask for more). */
export function checkPin(pin: string, minLength = MIN_PIN_LENGTH): void {
	if (!/^\d+$/.test(pin) || pin.length < minLength || pin.length > 32) throw new PinFormatError(minLength);
}

/** Copies into a fresh ArrayBuffer-backed array, the type WebCrypto's signatures ask for. */
const bytes = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

async function pinKey(pin: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
	const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveKey']);
	return crypto.subtle.deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: bytes(salt), iterations },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

/** Makes a fresh random data key and wraps it under the PIN. */
export async function createKey(
	pin: string,
	minLength = MIN_PIN_LENGTH,
	iterations = PIN_ITERATIONS
): Promise<{ key: Uint8Array; stored: WrappedKey }> {
	checkPin(pin, minLength);
	const key = crypto.getRandomValues(new Uint8Array(DATA_KEY_BYTES));
	return { key, stored: await wrapKey(key, pin, iterations) };
}

/** Wraps a data key under a PIN, with a fresh salt and IV. */
export async function wrapKey(key: Uint8Array, pin: string, iterations = PIN_ITERATIONS): Promise<WrappedKey> {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const kek = await pinKey(pin, salt, iterations);
	const wrapped = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, kek, bytes(key)));
	return { salt, iv, wrapped, iterations };
}

/** The data key, or WrongPinError when the PIN does not open it (GCM's tag does not match). */
export async function unwrapKey(stored: WrappedKey, pin: string): Promise<Uint8Array> {
	const kek = await pinKey(pin, stored.salt, stored.iterations);
	try {
		return new Uint8Array(
			await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes(stored.iv) }, kek, bytes(stored.wrapped))
		);
	} catch {
		throw new WrongPinError();
	}
}
