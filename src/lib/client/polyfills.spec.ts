import { afterAll, describe, expect, it } from 'vitest';

describe('polyfills for the oldest supported browsers', () => {
	const native = AbortSignal.timeout;
	afterAll(() => {
		AbortSignal.timeout = native;
	});

	it('adds AbortSignal.timeout where the browser lacks it, aborting with a TimeoutError', async () => {
		// As on Chrome < 103 and Safari < 16.
		delete (AbortSignal as { timeout?: unknown }).timeout;
		await import('./polyfills');
		expect(AbortSignal.timeout).not.toBe(native);
		const signal = AbortSignal.timeout(5);
		expect(signal.aborted).toBe(false);
		await new Promise((r) => setTimeout(r, 30));
		expect(signal.aborted).toBe(true);
		expect((signal.reason as DOMException).name).toBe('TimeoutError');
	});
});
