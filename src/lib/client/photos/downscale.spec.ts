import { describe, expect, it } from 'vitest';
import { fitWithin } from './downscale';

describe('fitWithin', () => {
	it('brings the long side down to 1280, keeping the shape', () => {
		expect(fitWithin(4032, 3024)).toEqual({ width: 1280, height: 960 });
		expect(fitWithin(3024, 4032)).toEqual({ width: 960, height: 1280 });
		expect(fitWithin(4000, 1000)).toEqual({ width: 1280, height: 320 });
	});

	it('never enlarges a small picture, and keeps a sliver at least one pixel', () => {
		expect(fitWithin(640, 480)).toEqual({ width: 640, height: 480 });
		expect(fitWithin(1280, 1280)).toEqual({ width: 1280, height: 1280 });
		expect(fitWithin(100_000, 10)).toEqual({ width: 1280, height: 1 });
	});

	it('refuses a picture without a size', () => {
		expect(() => fitWithin(0, 100)).toThrow(RangeError);
		expect(() => fitWithin(Number.NaN, 100)).toThrow(RangeError);
	});
});
