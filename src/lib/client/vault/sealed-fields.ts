import { gcm } from '@noble/ciphers/aes.js';

/**
 * Seals and opens a row's personal fields with the data key (AES-256-GCM, a fresh 12-byte
 * nonce per write). This runs inside IndexedDB transactions, which commit on their own as soon
 * as they wait on anything but IndexedDB — WebCrypto's promises included — so the cipher here
 * is a synchronous, audited one (@noble/ciphers); the PIN and key wrapping stay in WebCrypto.
 */

const NONCE = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function seal(key: Uint8Array, value: unknown): Uint8Array {
	const nonce = crypto.getRandomValues(new Uint8Array(NONCE));
	const body = gcm(key, nonce).encrypt(encoder.encode(JSON.stringify(value)));
	const out = new Uint8Array(NONCE + body.length);
	out.set(nonce);
	out.set(body, NONCE);
	return out;
}

/** Throws when the box was not sealed with this key or was altered. */
export function open(key: Uint8Array, box: Uint8Array): unknown {
	const plain = gcm(key, box.subarray(0, NONCE)).decrypt(box.subarray(NONCE));
	return JSON.parse(decoder.decode(plain));
}

/**
 * Opens many boxes at once with WebCrypto, off the page's thread, in parallel: for rows read
 * outside any transaction (the today list's ~200 care rows at every unlock cost ~2 ms each at
 * CPU 4× in JavaScript; docs/benchmarks.md, session 8). A box is the nonce, then AES-GCM's
 * ciphertext and tag, which is WebCrypto's own layout, so the same boxes open either way.
 * Rejects when any box was not sealed with this key or was altered.
 */
export async function openMany(key: CryptoKey, boxes: readonly Uint8Array[]): Promise<unknown[]> {
	const plains = await Promise.all(
		boxes.map((box) =>
			crypto.subtle.decrypt(
				{ name: 'AES-GCM', iv: box.subarray(0, NONCE) as Uint8Array<ArrayBuffer> },
				key,
				box.subarray(NONCE) as Uint8Array<ArrayBuffer>
			)
		)
	);
	return plains.map((plain) => JSON.parse(decoder.decode(plain)));
}

/**
 * Seals one value with WebCrypto, off the page's thread, in the layout `open` and openMany read:
 * for a large box written outside any transaction (the today list's snapshot, care-today.ts).
 */
export async function sealOff(key: CryptoKey, value: unknown): Promise<Uint8Array> {
	const nonce = crypto.getRandomValues(new Uint8Array(NONCE));
	const body = new Uint8Array(
		await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, key, encoder.encode(JSON.stringify(value)))
	);
	const out = new Uint8Array(NONCE + body.length);
	out.set(nonce);
	out.set(body, NONCE);
	return out;
}

/** The data key as WebCrypto's, for openMany and sealOff only (not extractable). */
export const openingKey = (key: Uint8Array): Promise<CryptoKey> =>
	crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['decrypt', 'encrypt']);
