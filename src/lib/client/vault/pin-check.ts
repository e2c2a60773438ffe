import { MIN_PIN_LENGTH } from './pin-key';

/** What is wrong with a PIN and its confirmation, as an i18n key, or null when it will do. */
export function pinProblem(
	pin: string,
	confirm: string,
	min = MIN_PIN_LENGTH
): 'lock.tooShort' | 'lock.mismatch' | null {
	if (!/^\d+$/.test(pin) || pin.length < min) return 'lock.tooShort';
	if (pin !== confirm) return 'lock.mismatch';
	return null;
}
