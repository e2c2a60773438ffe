import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from './errors';

/**
 * Enrolment is the one door a stranger can knock on, so it is rate limited by client address
 * and by the code named. Every attempt takes a point from the address; a successful enrolment
 * gives it back, so a lead enrolling a whole team from one Wi-Fi is never slowed, while a guesser
 * gets 429 after ENROL_PER_ADDRESS misses — 32⁸ codes cannot be searched at that pace. The code's
 * budget stops one leaked code from enrolling a crowd. Limits live in this process's memory:
 * behind several Node servers each keeps its own (docs/scaling.md), which multiplies the budget
 * by the number of servers and no more.
 */
const ENROL_PER_ADDRESS = Number(process.env.ENROL_PER_ADDRESS ?? 20);
const ENROL_PER_CODE = Number(process.env.ENROL_PER_CODE ?? 60);
const WINDOW_SECONDS = 10 * 60;

const byAddress = new RateLimiterMemory({ keyPrefix: 'enrol-ip', points: ENROL_PER_ADDRESS, duration: WINDOW_SECONDS });
const byCode = new RateLimiterMemory({ keyPrefix: 'enrol-code', points: ENROL_PER_CODE, duration: WINDOW_SECONDS });

const tooMany = (res: RateLimiterRes) => {
	const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
	return new HttpError(429, `too many enrolment attempts; try again in ${seconds} s`, undefined, {
		'retry-after': String(seconds)
	});
};

async function take(limiter: RateLimiterMemory, key: string): Promise<void> {
	try {
		await limiter.consume(key);
	} catch (err) {
		if (err instanceof RateLimiterRes) throw tooMany(err);
		throw err;
	}
}

/** Takes one attempt from the address's and the code's budgets, or answers 429 with Retry-After. */
export async function enrolAttempt(address: string, code: string): Promise<{ succeeded(): Promise<void> }> {
	await take(byAddress, address);
	await take(byCode, code);
	return {
		succeeded: async () => {
			await byAddress.reward(address, 1);
		}
	};
}

/**
 * Wrong and right codes answer after the same time: the work is padded to a floor well above
 * what either path takes, so a stopwatch tells a guesser nothing.
 */
export const ENROL_FLOOR_MS = 300;

export async function atLeast<T>(ms: number, work: Promise<T>): Promise<T> {
	const [out] = await Promise.allSettled([work, new Promise((resolve) => setTimeout(resolve, ms))]);
	if (out.status === 'rejected') throw out.reason;
	return out.value;
}
