import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../db';
import { lockState } from './lock-state.svelte';

// The real lock over the real Dexie database in fake-indexeddb (PBKDF2 and AES-GCM are Node's WebCrypto);
// only the browser's window and document, where it watches for use, are stand-ins.

const PIN = '246813';

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	const win = new EventTarget();
	vi.stubGlobal('addEventListener', win.addEventListener.bind(win));
	vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
});

afterEach(() => vi.unstubAllGlobals());

describe('lock state', () => {
	it('hands the unlock over once the screen it opens is set, so that screen mounts before the deferred work looks', async () => {
		await lockState.setPin(PIN);
		lockState.lock();
		expect(lockState.status).toBe('locked');
		const seen: string[] = [];
		lockState.onUnlock = () => seen.push(lockState.status);
		expect(await lockState.unlock(PIN)).toBe(true);
		// Issue 13: called while still 'locked', the unlock's sync (afterFirstPaint) could look for
		// screens still reading before the grid had mounted, and run into its first chip.
		expect(seen).toEqual(['open']);
		lockState.onUnlock = () => {};
	});
});
