const TOUCHES = ['pointerdown', 'keydown'] as const;

/**
 * Calls `warm` once, on the first touch or key press for which `ready()` holds; the ones before
 * are let pass. Issue 13: the PIN pad's taps are touches too, and the event schema (zod) they
 * started loading was compiled and evaluated between the unlock and the grid's first chip.
 */
export function warmOnFirstTouch(target: EventTarget, ready: () => boolean, warm: () => void): void {
	const options = { capture: true, passive: true };
	const touched = () => {
		if (!ready()) return;
		for (const type of TOUCHES) target.removeEventListener(type, touched, options);
		warm();
	};
	for (const type of TOUCHES) target.addEventListener(type, touched, options);
}
