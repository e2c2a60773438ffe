import { CATEGORY_KEYS, type CareCategory } from '$lib/domain/care/constants';

/** A category as the reader sees it: a fixed one in their language, a free one as written. */
export const categoryLabel = (t: (key: string) => string, c: string): string =>
	c in CATEGORY_KEYS ? t(`care.cat.${CATEGORY_KEYS[c as CareCategory]}`) : c;
