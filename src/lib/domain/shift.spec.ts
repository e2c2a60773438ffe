import { describe, expect, it } from 'vitest';
import { handedIn, lateDevices, localInputValue } from './shift';

const device = (id: string, syncedSinceShiftEnd: boolean, lastPending: number) => ({
	id,
	syncedSinceShiftEnd,
	lastPending
});

describe('end of shift', () => {
	it('counts a device as handed in only when it synced after the shift ended with nothing waiting', () => {
		expect(handedIn(device('a', true, 0))).toBe(true);
		expect(handedIn(device('b', true, 3))).toBe(false);
		expect(handedIn(device('c', false, 0))).toBe(false);
		expect(handedIn(device('d', false, 2))).toBe(false);
	});

	it('lists the late devices in the order given', () => {
		const devices = [device('a', true, 0), device('b', false, 0), device('c', true, 1), device('d', true, 0)];
		expect(lateDevices(devices).map((d) => d.id)).toEqual(['b', 'c']);
		expect(lateDevices([device('a', true, 0)])).toEqual([]);
	});

	it('writes a moment as the local wall time a datetime-local input shows, and reads back to the same minute', () => {
		const at = new Date(2026, 10, 23, 18, 5, 42);
		expect(localInputValue(at)).toBe('2026-11-23T18:05');
		expect(new Date(localInputValue(at)).getTime()).toBe(new Date(2026, 10, 23, 18, 5).getTime());
	});
});
