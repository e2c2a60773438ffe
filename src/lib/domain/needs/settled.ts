import type { FieldEvent, NeedEvent } from '../schemas';
import type { Need } from './fold';

/**
 * The events of requests that are settled for good: closed (done or cancelled) by events the
 * server has received, every one of them. The fold applies events in the server's order of
 * receipt and a closed request stays closed whatever comes later, and anything received later is
 * ordered after what was received before — so such a request can never open again, and the
 * lead's board need not read (unseal) or fold its events to draw the open requests. A request
 * with an event of this device's not yet received is left out: its order is not final yet.
 */
const isNeedEvent = (e: FieldEvent): e is NeedEvent => e.type.startsWith('need_');

export function settledEventIds(needs: ReadonlyMap<string, Need>, events: readonly FieldEvent[]): string[] {
	const byNeed = new Map<string, NeedEvent[]>();
	for (const e of events) {
		if (!isNeedEvent(e)) continue;
		const list = byNeed.get(e.needId);
		if (list) list.push(e);
		else byNeed.set(e.needId, [e]);
	}
	const out: string[] = [];
	for (const [id, list] of byNeed) {
		const n = needs.get(id);
		if (!n || (n.state !== 'done' && n.state !== 'cancelled')) continue;
		if (list.every((e) => e.receivedAt)) for (const e of list) out.push(e.id);
	}
	return out;
}
