import { spawn, type ChildProcess } from 'node:child_process';
import { chromium } from '@playwright/test';
import puppeteer from 'puppeteer-core';
import { Builder, By, until as seleniumUntil } from 'selenium-webdriver';
import { chromiumLaunchOptions } from '../../playwright.config';
import { until, type SmokeDriver } from './driver';

const wrap = (body: string) => `(async () => { ${body} })()`;

/** Debian's Chromium through Playwright, as the rest of the browser tests. */
export async function launchChromium(): Promise<SmokeDriver> {
	const browser = await chromium.launch(chromiumLaunchOptions);
	const page = await browser.newPage();
	return {
		engine: 'chromium',
		goto: async (url) => void (await page.goto(url)),
		click: (selector) => page.locator(selector).first().click(),
		fill: (selector, text) => page.locator(selector).fill(text),
		run: <T>(body: string) => page.evaluate(wrap(body)) as Promise<T>,
		close: () => browser.close()
	};
}

/** Debian's Firefox ESR through Puppeteer over WebDriver BiDi (Playwright cannot drive stock Firefox). */
export async function launchFirefox(): Promise<SmokeDriver> {
	const browser = await puppeteer.launch({
		browser: 'firefox',
		executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
		headless: true
	});
	const page = await browser.newPage();
	return {
		engine: 'firefox',
		goto: async (url) => void (await page.goto(url)),
		click: async (selector) => {
			await page.waitForSelector(selector, { visible: true });
			await page.click(selector);
		},
		fill: async (selector, text) => {
			await page.waitForSelector(selector, { visible: true });
			await page.type(selector, text);
		},
		run: <T>(body: string) => page.evaluate(wrap(body)) as Promise<T>,
		close: () => browser.close()
	};
}

const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * Debian's WebKitGTK: WebKitWebDriver starts MiniBrowser, which has no headless mode, so the driver
 * runs under xvfb-run and the browser inherits its display. Driven by Selenium (WebDriver classic).
 */
export async function launchWebKit(port: number): Promise<SmokeDriver> {
	// Its own process group, so closing ends xvfb-run, Xvfb, the driver and the browser together.
	const child: ChildProcess = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], {
		detached: true,
		stdio: 'ignore'
	});
	const stop = () => {
		if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
	};
	try {
		await until('WebKitWebDriver to listen', async () => (await fetch(`http://127.0.0.1:${port}/status`)).ok);
		const driver = await new Builder()
			.usingServer(`http://127.0.0.1:${port}`)
			.withCapabilities({
				browserName: 'MiniBrowser',
				'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] }
			})
			.build();
		const find = async (selector: string) => {
			const el = await driver.wait(seleniumUntil.elementLocated(By.css(selector)), 20_000);
			await driver.wait(seleniumUntil.elementIsVisible(el), 20_000);
			return el;
		};
		return {
			engine: 'webkit',
			goto: (url) => driver.get(url),
			click: async (selector) => {
				const el = await find(selector);
				// WebDriver scrolls a target only to the viewport's edge, under the fixed bottom navigation.
				await driver.executeScript('arguments[0].scrollIntoView({ block: "center" });', el);
				await el.click();
			},
			fill: async (selector, text) => (await find(selector)).sendKeys(text),
			run: (body) => driver.executeScript(`return ${wrap(body)};`),
			close: async () => {
				await driver.quit().catch(() => undefined);
				stop();
			}
		};
	} catch (err) {
		stop();
		throw err;
	}
}
