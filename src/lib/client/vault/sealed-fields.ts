import { gcm, unsafe } from '@noble/ciphers/aes.js';
import { GHASH } from '@noble/ciphers/_polyval.js';
import { equalBytes } from '@noble/ciphers/utils.js';

/**
 * Seals and opens a row's personal fields with the data key (AES-256-GCM, a fresh 12-byte
 * nonce per write). This runs inside IndexedDB transactions, which commit on their own as soon
 * as they wait on anything but IndexedDB — WebCrypto's promises included — so the cipher here
 * is a synchronous, audited one (@noble/ciphers); the PIN and key wrapping stay in WebCrypto.
 *
 * Opening is the hot path: a reload of the lead's screen opens every household and visit on the
 * device (16,000 rows for a 10,000-household team), and `gcm(key, nonce)` derives the key's
 * schedule and GHASH table afresh for every row, most of each small row's cost (bench:lead's
 * profile, docs/benchmarks.md). So `open` keeps them per key (keyFor) and runs GCM's steps with
 * noble's own pieces; the box is the same, and sealing keeps `gcm` (one row a tap).
 */

const NONCE = 12;
const TAG = 16;
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

/** What GCM derives from the key alone: the AES key schedule and the GHASH table of H = E_K(0). */
interface KeyState {
	xk: Uint32Array;
	ghash: GHASH;
}

/** Per data key (the keyring's, or an aside row's old one); `forget` wipes one on lock. */
const states = new WeakMap<Uint8Array, KeyState>();

function keyFor(key: Uint8Array): KeyState {
	let s = states.get(key);
	if (!s) {
		const xk = unsafe.expandKeyLE(key);
		const h = unsafe.ctr32(xk, false, new Uint8Array(16), new Uint8Array(16));
		// A 4-bit window: the table is built once per key, so the faster lookups are worth it.
		states.set(key, (s = { xk, ghash: new GHASH(h, 4096) }));
		h.fill(0);
	}
	return s;
}

/** Wipes what was derived from `key` (the keyring locks: the key itself is zeroed too). */
export function forget(key: Uint8Array): void {
	const s = states.get(key);
	if (!s) return;
	s.xk.fill(0);
	// GHASH.destroy zeroes its table.
	s.ghash.destroy();
	states.delete(key);
}

/** Throws when the box was not sealed with this key or was altered. */
export function open(key: Uint8Array, box: Uint8Array): unknown {
	if (box.length < NONCE + TAG) throw new Error('aes-gcm: box too short');
	const { xk, ghash } = keyFor(key);
	// noble's pieces read 32-bit words: a box at an odd offset is copied first.
	const bytes = box.byteOffset % 4 ? box.slice() : box;
	const data = bytes.subarray(NONCE, bytes.length - TAG);
	// J0 = nonce || 0^31 || 1 (NIST SP 800-38D, 96-bit IV); ctr32 leaves it at inc32(J0) for the payload.
	const counter = new Uint8Array(16);
	counter.set(bytes.subarray(0, NONCE));
	counter[15] = 1;
	const tagMask = unsafe.ctr32(xk, false, counter, new Uint8Array(16));
	// GHASH over the ciphertext, then the lengths block (no AAD: 0 bits || len(C) bits, big-endian).
	// Each box starts from the key's table with a state of its own (the table is only read; a
	// fresh GHASH would rebuild it, the cost this saves).
	const lengths = new Uint8Array(16);
	const view = new DataView(lengths.buffer);
	const bits = data.length * 8;
	view.setUint32(8, Math.floor(bits / 2 ** 32), false);
	view.setUint32(12, bits >>> 0, false);
	const mac = Object.create(ghash) as GHASH;
	mac.update(data).update(lengths);
	const tag = new Uint8Array(16);
	mac.digestInto(tag);
	for (let i = 0; i < TAG; i++) tag[i] ^= tagMask[i];
	if (!equalBytes(tag, bytes.subarray(bytes.length - TAG))) throw new Error('aes-gcm: invalid tag');
	const plain = unsafe.ctr32(xk, false, counter, data);
	return JSON.parse(decoder.decode(plain));
}
