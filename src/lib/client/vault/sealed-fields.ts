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
