import type { OutgoingNeed, TransferState } from './transfer-api';

/**
 * What the lead's device keeps of a request of its community the street office passed on, so
 * the board still counts it as passed on offline: the request's id, the receiving community's
 * name, its state and when the server last said so. Nothing of the household (the door comes
 * from the device's own roster), nor the receiving community's id or the time it was passed.
 */
export interface KeptTransfer {
	needId: string;
	to: string;
	state: TransferState;
	/** When the server gave this answer: the board says it is from then. */
	seenAt: string;
}

/** The rows to keep from one server answer, every row stamped with when it was seen. */
export const keptTransfers = (outgoing: readonly OutgoingNeed[], seenAt: string): KeptTransfer[] =>
	outgoing.map((n) => ({ needId: n.needId, to: n.to.name, state: n.state, seenAt }));

/** The board's view of passed-on requests, the same whether fresh from the server or kept. */
export interface PassedOn {
	rows: { needId: string; to: string; state: TransferState }[];
	/** Null when fresh from the server; else when the kept answer was seen (the oldest row's time). */
	keptAt: string | null;
}

export const passedOnFresh = (outgoing: readonly OutgoingNeed[]): PassedOn => ({
	rows: outgoing.map((n) => ({ needId: n.needId, to: n.to.name, state: n.state })),
	keptAt: null
});

export const passedOnKept = (kept: readonly KeptTransfer[]): PassedOn => ({
	rows: kept.map(({ needId, to, state }) => ({ needId, to, state })),
	keptAt: kept.reduce<string | null>((at, k) => (at === null || k.seenAt < at ? k.seenAt : at), null)
});
