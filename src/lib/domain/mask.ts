/** Shows only a name's first character on a shared screen: 李建国 → 李**. */
export function maskName(name: string): string {
	const chars = [...name];
	return chars.length <= 1 ? name : chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
}

/** Shows a phone number's last four digits only. */
export function maskPhone(phone: string): string {
	return phone.length <= 4 ? phone : '*'.repeat(Math.min(phone.length - 4, 7)) + phone.slice(-4);
}

/** Two-character tags are short enough for a chip: 独居老人 → 独居. */
export const shortTag = (tag: string): string => [...tag].slice(0, 2).join('');
