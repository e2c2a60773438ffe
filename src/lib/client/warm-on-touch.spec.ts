import { describe, expect, it, vi } from 'vitest';
import { warmOnFirstTouch } from './warm-on-touch';

describe('warmOnFirstTouch', () => {
	it('lets the touches pass while not ready (the PIN pad), then warms once on the first one after', () => {
		const target = new EventTarget();
		let open = false;
		const warm = vi.fn();
		warmOnFirstTouch(target, () => open, warm);
		target.dispatchEvent(new Event('pointerdown'));
		target.dispatchEvent(new Event('keydown'));
		expect(warm).not.toHaveBeenCalled();
		open = true;
		target.dispatchEvent(new Event('pointerdown'));
		expect(warm).toHaveBeenCalledOnce();
		target.dispatchEvent(new Event('keydown'));
		target.dispatchEvent(new Event('pointerdown'));
		expect(warm).toHaveBeenCalledOnce();
	});

	it('a key press warms as a touch does', () => {
		const target = new EventTarget();
		const warm = vi.fn();
		warmOnFirstTouch(target, () => true, warm);
		target.dispatchEvent(new Event('keydown'));
		expect(warm).toHaveBeenCalledOnce();
	});
});
