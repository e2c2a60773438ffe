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
 * Screens still reading what they first show (issue 13). A screen opened by the unlock draws a
 * "loading" line first and its content after an IndexedDB read; the browser is idle in between, so
 * the deferred work (the unlock's sync, whose first import evaluates zod) ran there and delayed
 * the content. A screen that reads at open holds the deferred work until its content is drawn.
 */
let reading = 0;
let onRead: (() => void)[] = [];

/**
 * Holds the work `afterFirstPaint` defers until the returned function is called (once is enough;
 * later calls do nothing). The longest wait (MAX_WAIT_MS) still holds: nothing is dropped.
 */
export function holdFirstPaint(): () => void {
	reading++;
	let released = false;
	return () => {
		if (released) return;
		released = true;
		reading--;
		if (reading > 0) return;
		const waiting = onRead;
		onRead = [];
		for (const cb of waiting) cb();
	};
}

/**
 * Runs `fn` once, after the screen drawn now has painted (the second frame's callback comes after
 * the first frame's paint) and then at an idle moment — or after MAX_WAIT_MS, whichever is first.
 * A screen still reading what it first shows (`holdFirstPaint`) is waited for, then its paint.
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
	const idle = () => {
		if (clock.requestIdleCallback) clock.requestIdleCallback(run, { timeout: IDLE_WAIT_MS });
		else clock.setTimeout(run, 0);
	};
	const painted = (then: () => void) => clock.requestAnimationFrame(() => clock.requestAnimationFrame(then));
	painted(() => {
		if (reading === 0) idle();
		else onRead.push(() => painted(idle));
	});
}
