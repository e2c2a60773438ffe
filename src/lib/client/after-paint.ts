/** What `afterFirstPaint` asks of the browser (handed in so a test can drive the frames). */
export interface FrameClock {
	requestAnimationFrame(cb: () => void): unknown;
	/** Absent in Safari: a short timer stands in. */
	requestIdleCallback?: (cb: () => void, options: { timeout: number }) => unknown;
	setTimeout(cb: () => void, ms: number): unknown;
	clearTimeout(id: unknown): void;
}

/** How long an idle moment is waited for once the screen has painted. */
export const IDLE_WAIT_MS = 300;
/** A hidden tab draws no frames: past this the work runs anyway, it is never dropped. */
export const MAX_WAIT_MS = 2000;

function browserClock(): FrameClock {
	return {
		requestAnimationFrame: (cb) => requestAnimationFrame(cb),
		requestIdleCallback:
			typeof requestIdleCallback === 'function' ? (cb, options) => requestIdleCallback(cb, options) : undefined,
		setTimeout: (cb, ms) => setTimeout(cb, ms),
		clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>)
	};
}

/**
 * Runs `fn` once, after the screen drawn now has painted (the second frame's callback comes after
 * the first frame's paint) and then at an idle moment — or after MAX_WAIT_MS, whichever is first.
 * Issue 11: the sync an unlock starts stays out of the first screen's drawing.
 */
export function afterFirstPaint(fn: () => void, clock: FrameClock = browserClock()): void {
	let done = false;
	const run = () => {
		if (done) return;
		done = true;
		clock.clearTimeout(timer);
		fn();
	};
	const timer = clock.setTimeout(run, MAX_WAIT_MS);
	clock.requestAnimationFrame(() =>
		clock.requestAnimationFrame(() => {
			if (clock.requestIdleCallback) clock.requestIdleCallback(run, { timeout: IDLE_WAIT_MS });
			else clock.setTimeout(run, 0);
		})
	);
}
