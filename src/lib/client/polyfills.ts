// Only what the oldest supported browsers (package.json "browserslist") lack and the app uses.
// Array.prototype.at: Chrome 92 (sync reads the last pulled page with .at(-1)).
import 'core-js/actual/array/at';

// AbortSignal.timeout: Chrome 103, Safari 16 — every request to the server is cut off with it.
if (typeof AbortSignal !== 'undefined' && !('timeout' in AbortSignal)) {
	Object.defineProperty(AbortSignal, 'timeout', {
		configurable: true,
		writable: true,
		value(ms: number): AbortSignal {
			const controller = new AbortController();
			setTimeout(() => controller.abort(new DOMException('signal timed out', 'TimeoutError')), ms);
			return controller.signal;
		}
	});
}
