// What a person does in the app, step by step, shared by the browser tests (tests/e2e) and the
// benchmarks (bench/), which drive the same screens. Plain JS with JSDoc, so the benchmarks
// run it under plain Node. Each step waits for what it needs; tests add their own assertions.

/** @typedef {import('@playwright/test').Page} Page */

/**
 * Enrols a volunteer through the real form; resolves once the grid shows the first household,
 * that is once the first sync has brought the roster.
 * @param {Page} page
 * @param {string} volunteer
 * @param {{ code: string, timeout?: number }} o the volunteer code (tests/support/codes.js)
 * @returns {Promise<number>} when the form was sent (ms since the epoch), to time the first sync
 */
export async function enrolVolunteer(page, volunteer, { code, timeout }) {
	await page.goto('/');
	await page.waitForURL(/\/enrol$/, { timeout });
	await page.getByLabel('登记码').fill(code);
	return submit(page, volunteer, /\/grid$/, page.getByTestId('chip-demo-1-1-101'), timeout);
}

/**
 * Enrols a team lead through the real form, opened from the QR link's address (which fills the
 * code in); resolves once the coverage screen shows the team's total.
 * @param {Page} page
 * @param {string} name
 * @param {{ code: string, timeout?: number }} o the lead code (tests/support/codes.js)
 * @returns {Promise<number>} when the form was sent (ms since the epoch), to time the first sync
 */
export async function enrolLead(page, name, { code, timeout }) {
	await page.goto(`/enrol?code=${encodeURIComponent(code)}`);
	const field = page.getByLabel('登记码');
	await field.waitFor({ timeout });
	// The screen fills the field from the address once it has started: give it a moment.
	let filled = await field.inputValue();
	for (let i = 0; i < 50 && filled !== code; i++) {
		await page.waitForTimeout(100);
		filled = await field.inputValue();
	}
	if (filled !== code) throw new Error(`the enrolment link did not fill the code in (the field holds "${filled}")`);
	return submit(page, name, /\/lead$/, page.getByTestId('team-total'), timeout);
}

/** The PIN every test device is enrolled with (a test value, not a secret). */
export const TEST_PIN = '246813';

/** @type {WeakSet<Page>} */
const unlocking = new WeakSet();

/**
 * Unlocks the app with TEST_PIN whenever the lock screen stands in the way of a step (after a
 * reload or cold start, which always lock): tests that are not about the lock go on as before.
 * @param {Page} page
 */
export async function unlockWhenLocked(page) {
	if (unlocking.has(page)) return;
	unlocking.add(page);
	// A new tab in the same browser (a cold start) opens locked too.
	page.context().on('page', (p) => void unlockWhenLocked(p));
	await page.addLocatorHandler(page.getByTestId('lock-screen'), async () => {
		await unlock(page);
	});
}

/**
 * Unlocks the lock screen with a PIN.
 * @param {Page} page
 * @param {string} [pin]
 */
export async function unlock(page, pin = TEST_PIN) {
	await page.getByTestId('pin').fill(pin);
	await page.getByTestId('unlock-submit').click();
}

/**
 * Fills in the PIN and its confirmation (enrolment, or a device enrolled before PINs).
 * @param {Page} page
 * @param {string} [pin]
 */
export async function fillNewPin(page, pin = TEST_PIN) {
	await page.getByTestId('pin-new').fill(pin);
	await page.getByTestId('pin-confirm').fill(pin);
}

/**
 * Sends the enrolment form with a name and waits for the screen it leads to and what shows
 * there once the first sync is in.
 * @param {Page} page
 * @param {string} name
 * @param {RegExp} landing
 * @param {import('@playwright/test').Locator} shown
 * @param {number | undefined} timeout
 */
async function submit(page, name, landing, shown, timeout) {
	await page.getByLabel('志愿者姓名').fill(name);
	await fillNewPin(page);
	await unlockWhenLocked(page);
	const sent = Date.now();
	await page.getByRole('button', { name: '登记' }).click();
	await page.waitForURL(landing, { timeout });
	await shown.waitFor({ timeout });
	return sent;
}

/**
 * Switches the grid to another unit through the unit picker.
 * @param {Page} page
 * @param {string} building
 * @param {string} unit
 */
export async function chooseUnit(page, building, unit) {
	await page.getByTestId('unit-switch').click();
	await page.getByTestId(`unit-${building}-${unit}`).click();
}
