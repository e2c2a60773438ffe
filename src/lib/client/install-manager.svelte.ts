import { installAdvice, type InstallAdvice } from './install-advice';

/** Chromium's install offer; not in TypeScript's DOM types. */
interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const DISMISSED_KEY = 'doorstep.installBannerDismissed';

/**
 * Holds the browser's install offer. Chromium fires beforeinstallprompt once per page load, maybe
 * before the screen that shows the button exists, so this listens from the moment the module loads.
 */
class InstallManager {
	#offer: BeforeInstallPromptEvent | null = null;
	canPrompt = $state(false);
	standalone = $state(false);
	bannerDismissed = $state(false);

	constructor() {
		if (typeof window === 'undefined') return;
		this.standalone =
			matchMedia('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true;
		this.bannerDismissed = localStorage.getItem(DISMISSED_KEY) === '1';
		window.addEventListener('beforeinstallprompt', (event) => {
			// Keep the offer for our own button instead of the browser's mini-infobar.
			event.preventDefault();
			this.#offer = event as BeforeInstallPromptEvent;
			this.canPrompt = true;
		});
		window.addEventListener('appinstalled', () => {
			this.#offer = null;
			this.canPrompt = false;
			this.standalone = true;
		});
	}

	get advice(): InstallAdvice {
		if (typeof navigator === 'undefined') return 'none';
		return installAdvice(navigator.userAgent, this.standalone, this.canPrompt);
	}

	/** Shows the browser's install dialog; an offer can be used once. */
	async install(): Promise<void> {
		const offer = this.#offer;
		if (!offer) return;
		this.#offer = null;
		this.canPrompt = false;
		await offer.prompt();
		if ((await offer.userChoice).outcome === 'accepted') this.standalone = true;
	}

	dismissBanner(): void {
		this.bannerDismissed = true;
		localStorage.setItem(DISMISSED_KEY, '1');
	}
}

export const installManager = new InstallManager();
