/**
 * Copies text to the clipboard. In-app browsers often lack the async Clipboard API (or refuse it),
 * so fall back to selecting the text in the given input and the older copy command.
 */
export async function copyText(text: string, input: HTMLInputElement | undefined): Promise<boolean> {
	try {
		await navigator.clipboard.writeText(text);
		return true;
	} catch {
		if (!input) return false;
		input.focus();
		input.select();
		input.setSelectionRange(0, text.length);
		return document.execCommand('copy');
	}
}
