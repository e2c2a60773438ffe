import { describe, expect, it } from 'vitest';
import { QUICK_ITEMS, requestItems, toggleQuick, urgencyAfterPicking } from './requests';

const zh: Record<string, string> = { water: '桶装水', medicine: '药品', formula: '婴儿奶粉', rice: '米面油' };
const name = (i: string) => zh[i] ?? i;

describe('quick delivery requests', () => {
	it('raises the urgency to medicine for medicine and to infant for formula, never lowering it', () => {
		expect(urgencyAfterPicking('medicine', 'normal')).toBe('medicine');
		expect(urgencyAfterPicking('formula', 'normal')).toBe('infant');
		expect(urgencyAfterPicking('formula', 'medicine')).toBe('medicine');
		expect(urgencyAfterPicking('medicine', 'infant')).toBe('medicine');
		expect(urgencyAfterPicking('water', 'infant')).toBe('infant');
		expect(urgencyAfterPicking('water', 'normal')).toBe('normal');
	});

	it('toggles items by id and keeps them in the order the buttons show', () => {
		let chosen = toggleQuick([], 'rice');
		chosen = toggleQuick(chosen, 'water');
		expect(chosen).toEqual(['water', 'rice']);
		expect(toggleQuick(chosen, 'water')).toEqual(['rice']);
		expect(QUICK_ITEMS.indexOf('water')).toBeLessThan(QUICK_ITEMS.indexOf('rice'));
	});

	it('names the chosen items in the given language, then the typed ones, without repeats or blanks', () => {
		expect(requestItems(['water', 'medicine'], name, ['药品', ' 口罩 ', '', '口罩'])).toEqual([
			'桶装水',
			'药品',
			'口罩'
		]);
		expect(requestItems(['water'], (i) => (i === 'water' ? 'Bottled water' : i), [])).toEqual(['Bottled water']);
		expect(requestItems([], name, [])).toEqual([]);
	});
});
