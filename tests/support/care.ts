import type { CareEvent } from '$lib/domain/care/fold';
import type { CarePerson, CarePlan } from '$lib/domain/care/schemas';

type Of<T extends CareEvent['type']> = Extract<CareEvent, { type: T }>;

let n = 0;
const base = (at: string) => {
	n++;
	return {
		id: `c${String(n).padStart(6, '0')}`,
		v: 1 as const,
		deviceId: 'dev-a',
		volunteer: 'A',
		at
	};
};

export const PERSON: CarePerson = {
	name: '张奶奶',
	ageBand: '80+',
	categories: ['独居老人'],
	phone: '13800000001',
	medicines: [],
	mobility: 'walks',
	dialect: '',
	contact: { name: '张强', phone: '13900000002', relation: '儿子' },
	note: ''
};

export const DAILY: CarePlan = {
	callDaily: true,
	visitEveryDays: null,
	refillEveryDays: null,
	refillFrom: null,
	samplingReminder: false
};

/** Builds valid care events for tests; `at` is an ISO time. */
export const care = {
	person: (at: string, over: Partial<Of<'care_person'>> = {}): Of<'care_person'> => ({
		...base(at),
		type: 'care_person',
		personId: 'p1',
		householdId: 'h1',
		person: PERSON,
		...over
	}),
	correct: (at: string, fields: Partial<CarePerson>, over: Partial<Of<'care_correct'>> = {}): Of<'care_correct'> => ({
		...base(at),
		type: 'care_correct',
		personId: 'p1',
		householdId: 'h1',
		fields,
		...over
	}),
	pair: (at: string, deviceId: string | null, over: Partial<Of<'care_pair'>> = {}): Of<'care_pair'> => ({
		...base(at),
		type: 'care_pair',
		personId: 'p1',
		householdId: 'h1',
		pairedDeviceId: deviceId,
		pairedName: deviceId ? `志愿者 ${deviceId}` : '',
		...over
	}),
	plan: (at: string, plan: Partial<CarePlan> = {}, over: Partial<Of<'care_plan'>> = {}): Of<'care_plan'> => ({
		...base(at),
		type: 'care_plan',
		personId: 'p1',
		householdId: 'h1',
		plan: { ...DAILY, ...plan },
		...over
	}),
	check: (at: string, result: Of<'care_check'>['result'], over: Partial<Of<'care_check'>> = {}): Of<'care_check'> => ({
		...base(at),
		type: 'care_check',
		personId: 'p1',
		householdId: 'h1',
		duty: 'call',
		result,
		note: '',
		...over
	})
};
