import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { care, PERSON } from '$tests/support/care';
import { foldCare } from './fold';

const one = (events: Parameters<typeof foldCare>[0]) => {
	const s = foldCare(events).get('p1');
	if (!s) throw new Error('no person p1');
	return s;
};

describe('foldCare', () => {
	it('a correction changes only the fields it names; the later correction of a field wins', () => {
		const s = one([
			care.person('2026-11-23T01:00:00Z'),
			care.correct('2026-11-23T03:00:00Z', { mobility: 'bedridden' }, { deviceId: 'dev-b' }),
			care.correct('2026-11-23T02:00:00Z', { mobility: 'housebound', dialect: '重庆话' })
		]);
		expect(s.person).toMatchObject({ name: PERSON.name, mobility: 'bedridden', dialect: '重庆话' });
	});

	it('a time ahead of the server’s receipt counts as the receipt (a wrong clock cannot win forever)', () => {
		const s = one([
			care.person('2026-11-23T01:00:00Z'),
			care.correct('2030-01-01T00:00:00Z', { dialect: '未来' }, { receivedAt: '2026-11-23T02:00:00Z' }),
			care.correct('2026-11-23T03:00:00Z', { dialect: '四川话' })
		]);
		expect(s.person.dialect).toBe('四川话');
	});

	it('anything entered by a person outranks the roster file, even when the file’s word is later', () => {
		const s = one([
			care.person('2026-11-23T01:00:00Z', { fromRoster: true }),
			care.correct('2026-11-23T02:00:00Z', { name: '张秀英' }),
			care.correct('2026-11-24T02:00:00Z', { name: '张某', categories: ['孕妇'] }, { fromRoster: true })
		]);
		expect(s.person.name).toBe('张秀英');
		// The file still updates what only the file has said.
		expect(s.person.categories).toEqual(['孕妇']);
		expect(s.setBy.name.fromRoster).toBe(false);
	});

	it('two unanswered calls in a row raise the person to the lead; a contact clears it', () => {
		const events = [care.person('2026-11-23T01:00:00Z'), care.check('2026-11-23T02:00:00Z', 'no_answer')];
		expect(one(events)).toMatchObject({ misses: 1, raised: false });
		events.push(care.check('2026-11-24T02:00:00Z', 'no_answer'));
		expect(one(events)).toMatchObject({ misses: 2, raised: true });
		events.push(care.check('2026-11-24T05:00:00Z', 'needs'));
		expect(one(events)).toMatchObject({ misses: 0, raised: false, needs: true, lastContact: { day: '2026-11-24' } });
		events.push(care.check('2026-11-25T05:00:00Z', 'well'));
		expect(one(events).needs).toBe(false);
	});

	it('the later pair wins; a null pair unpairs', () => {
		expect(
			one([
				care.person('2026-11-23T01:00:00Z'),
				care.pair('2026-11-23T03:00:00Z', 'd2'),
				care.pair('2026-11-23T02:00:00Z', 'd1')
			]).pair?.deviceId
		).toBe('d2');
		expect(
			one([
				care.person('2026-11-23T01:00:00Z'),
				care.pair('2026-11-23T02:00:00Z', 'd1'),
				care.pair('2026-11-23T03:00:00Z', null)
			]).pair
		).toBeNull();
	});

	it('events about a person not on the device are held back, not shown half', () => {
		expect(foldCare([care.check('2026-11-23T02:00:00Z', 'well')]).size).toBe(0);
	});

	it('the same events in any order fold to the same ledger', () => {
		const hours = fc.integer({ min: 0, max: 72 });
		const at = (h: number) => new Date(Date.UTC(2026, 10, 23) + h * 3_600_000).toISOString();
		const eventArb = fc.oneof(
			fc
				.tuple(
					hours,
					fc.constantFrom('walks', 'housebound', 'bedridden') as fc.Arbitrary<'walks' | 'housebound' | 'bedridden'>,
					fc.boolean()
				)
				.map(([h, m, r]) => care.correct(at(h), { mobility: m }, r ? { fromRoster: true } : {})),
			fc.tuple(hours, fc.constantFrom('d1', 'd2', null)).map(([h, d]) => care.pair(at(h), d)),
			fc.tuple(hours, fc.integer({ min: 1, max: 9 })).map(([h, n]) => care.plan(at(h), { visitEveryDays: n })),
			fc
				.tuple(
					hours,
					fc.constantFrom('well', 'needs', 'no_answer', 'visited') as fc.Arbitrary<
						'well' | 'needs' | 'no_answer' | 'visited'
					>
				)
				.map(([h, r]) => care.check(at(h), r))
		);
		fc.assert(
			fc.property(fc.array(eventArb, { maxLength: 25 }), fc.nat(), (events, seed) => {
				const all = [care.person(at(0)), ...events];
				const shuffled = [...all].sort(
					(a, b) => ((a.id.charCodeAt(5) * 31 + seed) % 7) - ((b.id.charCodeAt(5) * 31 + seed) % 7)
				);
				expect(foldCare(shuffled)).toEqual(foldCare(all));
				expect(foldCare([...all].reverse())).toEqual(foldCare(all));
			})
		);
	});
});
