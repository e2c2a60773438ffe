import { describe, expect, it } from 'vitest';
import type { Need } from './fold';
import { residentRatingsByVolunteer } from './resident-ratings';

const need = (id: string, by: string, state: Need['state'] = 'done') =>
	({ id, state, done: state === 'done' ? { by } : null }) as Need;

describe('residents’ ratings per volunteer', () => {
	it('counts each done request’s rating under who did it; an open or unrated request counts nothing', () => {
		const ratings = new Map([
			['a', { rating: 'good' as const, words: '' }],
			['b', { rating: 'bad' as const, words: '太慢' }],
			['c', { rating: 'good' as const, words: '' }],
			['open', { rating: 'ok' as const, words: '' }]
		]);
		const by = residentRatingsByVolunteer(
			[need('a', '甲'), need('b', '甲'), need('c', '乙'), need('d', '乙'), need('open', '丙', 'held')],
			ratings
		);
		expect(Object.fromEntries(by)).toEqual({ 甲: { good: 1, ok: 0, bad: 1 }, 乙: { good: 1, ok: 0, bad: 0 } });
	});
});
