import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from '../errors';

/**
 * The resident page is open to anyone holding a building's QR, so what it takes is limited per
 * client address and per building: a neighbour can ask several times an hour, a script cannot
 * flood a lead's triage list. Every ask (and every failed lookup, so tokens cannot be searched)
 * takes a point from the address; every request taken takes one from the building. In this
 * process's memory, as enrolment's limits are (see rate-limit.ts).
 */
const PER_ADDRESS = Number(process.env.RESIDENT_PER_ADDRESS ?? 10);
const PER_BUILDING = Number(process.env.RESIDENT_PER_BUILDING ?? 60);
const WINDOW_SECONDS = 60 * 60;

const byAddress = new RateLimiterMemory({ keyPrefix: 'resident-ip', points: PER_ADDRESS, duration: WINDOW_SECONDS });
const byBuilding = new RateLimiterMemory({
	keyPrefix: 'resident-building',
	points: PER_BUILDING,
	duration: WINDOW_SECONDS
});

async function take(limiter: RateLimiterMemory, key: string): Promise<void> {
	try {
		await limiter.consume(key);
	} catch (err) {
		if (!(err instanceof RateLimiterRes)) throw err;
		const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
		throw new HttpError(
			429,
			`too many requests from here; try again in ${seconds} s or call your community`,
			undefined,
			{
				'retry-after': String(seconds)
			}
		);
	}
}

export const residentAddressAttempt = (address: string) => take(byAddress, address);
export const residentBuildingAttempt = (token: string) => take(byBuilding, token);
