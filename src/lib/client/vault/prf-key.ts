/**
 * Fingerprint / face unlock: a second way to unwrap the data key, beside the PIN (which stays
 * required at enrolment and is always the fallback). A WebAuthn credential on the phone's own
 * (platform) authenticator, with user verification, evaluates the PRF extension on a salt kept
 * here; that 32-byte secret comes only out of the authenticator after the fingerprint or face
 * check, and, through HKDF, becomes an AES-GCM key that wraps the same data key the PIN wraps.
 * Nothing goes to the server: no assertion needs checking, since only the right authenticator
 * yields the secret that opens the wrapped key.
 */

/** What the device stores for fingerprint unlock: the credential's id, the PRF salt and the wrapped data key. */
export interface PrfWrappedKey {
	credentialId: Uint8Array;
	salt: Uint8Array;
	iv: Uint8Array;
	wrapped: Uint8Array;
}

/** The phone cannot (or the person would not) give a PRF secret: use the PIN. */
export class PrfUnavailableError extends Error {
	constructor(reason: string) {
		super(reason);
	}
}

const bytes = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);
const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

/**
 * Whether to offer fingerprint unlock at all: WebAuthn in a secure context, a user-verifying
 * platform authenticator, and — where the browser can say so — the PRF extension. A browser
 * that cannot say is given the benefit of the doubt; enabling then checks `prf.enabled`.
 */
export async function prfAvailable(): Promise<boolean> {
	if (typeof PublicKeyCredential === 'undefined' || !isSecureContext) return false;
	try {
		const capabilities = await PublicKeyCredential.getClientCapabilities?.();
		if (capabilities && capabilities['extension:prf'] === false) return false;
		return await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable();
	} catch {
		return false;
	}
}

/** HKDF-SHA256 from the PRF secret to the AES-GCM key that wraps the data key. */
async function wrappingKey(secret: ArrayBuffer): Promise<CryptoKey> {
	const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
	return crypto.subtle.deriveKey(
		{ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('doorstep data key') },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

/** The PRF secret for `salt`, after the fingerprint or face check. */
async function prfSecret(credentialId: Uint8Array, salt: Uint8Array): Promise<ArrayBuffer> {
	const credential = (await navigator.credentials.get({
		publicKey: {
			challenge: random(32),
			allowCredentials: [{ type: 'public-key', id: bytes(credentialId) }],
			userVerification: 'required',
			timeout: 60_000,
			extensions: { prf: { eval: { first: bytes(salt) } } }
		}
	})) as PublicKeyCredential | null;
	const first = credential?.getClientExtensionResults().prf?.results?.first;
	if (!first) throw new PrfUnavailableError('the authenticator gave no PRF result');
	return first instanceof ArrayBuffer ? first : (first.buffer as ArrayBuffer);
}

/**
 * Makes a platform credential and wraps the (open) data key under its PRF secret. Throws
 * PrfUnavailableError when the authenticator has no PRF; the browser's own errors (the person
 * cancelled) pass through.
 */
export async function createPrfKey(dataKey: Uint8Array, name: string): Promise<PrfWrappedKey> {
	const salt = random(32);
	const credential = (await navigator.credentials.create({
		publicKey: {
			rp: { name: '一户不落 Doorstep' },
			user: { id: random(16), name, displayName: name },
			challenge: random(32),
			pubKeyCredParams: [
				{ type: 'public-key', alg: -7 },
				{ type: 'public-key', alg: -257 }
			],
			authenticatorSelection: {
				authenticatorAttachment: 'platform',
				userVerification: 'required',
				residentKey: 'discouraged'
			},
			timeout: 60_000,
			extensions: { prf: { eval: { first: bytes(salt) } } }
		}
	})) as PublicKeyCredential | null;
	if (!credential) throw new PrfUnavailableError('no credential was made');
	const prf = credential.getClientExtensionResults().prf;
	if (!prf?.enabled) throw new PrfUnavailableError('this authenticator has no PRF');
	const credentialId = new Uint8Array(credential.rawId);
	// Some authenticators evaluate the PRF at creation; the others need one assertion.
	const first = prf.results?.first;
	const secret = first
		? first instanceof ArrayBuffer
			? first
			: (first.buffer as ArrayBuffer)
		: await prfSecret(credentialId, salt);
	const iv = random(12);
	const wrapped = new Uint8Array(
		await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await wrappingKey(secret), bytes(dataKey))
	);
	return { credentialId, salt, iv, wrapped };
}

/** The data key, after the fingerprint or face check. */
export async function unwrapWithPrf(stored: PrfWrappedKey): Promise<Uint8Array> {
	const secret = await prfSecret(stored.credentialId, stored.salt);
	return new Uint8Array(
		await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: bytes(stored.iv) },
			await wrappingKey(secret),
			bytes(stored.wrapped)
		)
	);
}
