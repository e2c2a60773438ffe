import { uuidv7 } from 'uuidv7';
import type { CreateRoundRequest } from '$lib/domain/lead-api';
import { roundResponseSchema } from '$lib/domain/lead-api';
import type { SurveyForm } from '$lib/domain/rounds/definition';
import { request } from '../request';
import type { Session } from '../session';

// The lead's calls about rounds of every kind (issue 12); no screen holds an API path.

type NewRound = CreateRoundRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** The id is made here, so a retry after a lost answer finds the round it already made. */
export const createRound = (s: Session, round: NewRound) =>
	request('/api/lead/rounds', roundResponseSchema, {
		method: 'POST',
		body: { id: uuidv7(), ...round },
		token: s.token
	});

export const closeRound = (s: Session, id: string) =>
	request(`/api/lead/rounds/${encodeURIComponent(id)}/close`, roundResponseSchema, { method: 'POST', token: s.token });

export const editSurvey = (s: Session, id: string, form: SurveyForm) =>
	request(`/api/lead/rounds/${encodeURIComponent(id)}/survey`, roundResponseSchema, {
		method: 'PUT',
		body: form,
		token: s.token
	});
