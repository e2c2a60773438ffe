import type { ShiftDevice } from './lead-api';

/**
 * A device has handed its shift in when it synced after the shift ended and its outbox was
 * empty then. The server's verdict and the lead's screen both ask this, so they cannot differ.
 */
export const handedIn = (d: Pick<ShiftDevice, 'syncedSinceShiftEnd' | 'lastPending'>): boolean =>
	d.syncedSinceShiftEnd && d.lastPending === 0;

/** The devices the lead still has to chase, in the order given. */
export const lateDevices = <D extends Pick<ShiftDevice, 'syncedSinceShiftEnd' | 'lastPending'>>(
	devices: readonly D[]
): D[] => devices.filter((d) => !handedIn(d));

/** A `datetime-local` input's value for a moment: local wall time, no zone, to the minute. */
export const localInputValue = (d: Date): string =>
	new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
