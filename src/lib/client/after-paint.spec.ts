import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterFirstPaint, holdFirstPaint, IDLE_WAIT_MS, MAX_WAIT_MS, type FrameClock } from './after-paint';

/** Frames the test draws by hand; timers are vitest's fake ones. */
function frames(withIdle: boolean) {
	let pending: (() => void)[] = [];
	const idle: { cb: () => void; timeout: number }[] = [];
	const clock: FrameClock = {
		requestAnimationFrame: (cb) => pending.push(cb),
		requestIdleCallback: withIdle ? (cb, { timeout }) => idle.push({ cb, timeout }) : undefined,
		setTimeout: (cb, ms) => setTimeout(cb, ms),
		clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>)
	};
	const paint = () => {
		const now = pending;
		pending = [];
		for (const cb of now) cb();
	};
	return { clock, paint, idle };
}

describe('afterFirstPaint', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('waits for the first frame to paint, then for an idle moment', () => {
		const { clock, paint, idle } = frames(true);
		const fn = vi.fn();
		afterFirstPaint(fn, clock);
		paint();
		expect(idle).toHaveLength(0);
		paint();
		expect(idle).toEqual([{ cb: expect.any(Function), timeout: IDLE_WAIT_MS }]);
		expect(fn).not.toHaveBeenCalled();
		idle[0].cb();
		expect(fn).toHaveBeenCalledOnce();
		// the safety timer was cleared: it never runs twice
		vi.advanceTimersByTime(MAX_WAIT_MS * 2);
		expect(fn).toHaveBeenCalledOnce();
	});

	it('without requestIdleCallback (Safari), runs on a timer after the paint', () => {
		const { clock, paint } = frames(false);
		const fn = vi.fn();
		afterFirstPaint(fn, clock);
		paint();
		paint();
		expect(fn).not.toHaveBeenCalled();
		vi.advanceTimersByTime(0);
		expect(fn).toHaveBeenCalledOnce();
		vi.advanceTimersByTime(MAX_WAIT_MS * 2);
		expect(fn).toHaveBeenCalledOnce();
	});

	it('is never dropped: with no frames drawn (a hidden tab) it runs after the longest wait', () => {
		const { clock, paint, idle } = frames(true);
		const fn = vi.fn();
		afterFirstPaint(fn, clock);
		vi.advanceTimersByTime(MAX_WAIT_MS - 1);
		expect(fn).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(fn).toHaveBeenCalledOnce();
		// frames drawn later do not run it again
		paint();
		paint();
		idle[0].cb();
		expect(fn).toHaveBeenCalledOnce();
	});

	it('waits for a screen still reading what it first shows, then for that screen to paint', () => {
		const { clock, paint, idle } = frames(true);
		const fn = vi.fn();
		afterFirstPaint(fn, clock);
		// The unlock draws the screen's "loading" line; the screen starts its read.
		const release = holdFirstPaint();
		paint();
		paint();
		expect(idle).toHaveLength(0);
		release();
		release(); // once is enough
		expect(idle).toHaveLength(0);
		paint();
		paint();
		expect(idle).toHaveLength(1);
		idle[0].cb();
		expect(fn).toHaveBeenCalledOnce();
	});

	it('waits for every screen that holds it', () => {
		const { clock, paint, idle } = frames(true);
		const fn = vi.fn();
		const a = holdFirstPaint();
		const b = holdFirstPaint();
		afterFirstPaint(fn, clock);
		paint();
		paint();
		a();
		paint();
		paint();
		expect(idle).toHaveLength(0);
		b();
		paint();
		paint();
		idle[0].cb();
		expect(fn).toHaveBeenCalledOnce();
	});

	it('a screen that never finishes reading still lets the work run after the longest wait', () => {
		const { clock, paint } = frames(true);
		const fn = vi.fn();
		const release = holdFirstPaint();
		afterFirstPaint(fn, clock);
		paint();
		paint();
		vi.advanceTimersByTime(MAX_WAIT_MS);
		expect(fn).toHaveBeenCalledOnce();
		release();
		paint();
		paint();
		expect(fn).toHaveBeenCalledOnce();
	});
});
