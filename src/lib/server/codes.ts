import { randomBytes, randomInt } from 'node:crypto';

/**
 * Invitation codes are read off a poster or a phone and typed with gloves on, so the alphabet
 * leaves out the look-alikes 0/O and 1/I. 8 characters of 32 are 40 bits: with enrolment
 * rate-limited per address and per code, guessing one is out of reach.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

/** A fresh code from a cryptographic RNG. Uniqueness is the invites table's primary key. */
export function newCode(): string {
	let out = '';
	for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return out;
}

/** A bearer secret: device tokens and setup links. */
export const newSecret = (): string => randomBytes(32).toString('base64url');
