import type { FieldEvent } from '$lib/domain/schemas';
import { undo } from './field.service';
import { sessionState } from './session-state.svelte';

interface Shown {
	message: string;
	event: FieldEvent;
	householdId: string;
}

/** The record just made, offered for undo for a few seconds; undo is a new, voiding event. */
export class LastRecord {
	current = $state<Shown | null>(null);

	show(message: string, event: FieldEvent, householdId: string): void {
		this.current = { message, event, householdId };
	}

	clear(): void {
		this.current = null;
	}

	async undo(): Promise<void> {
		const session = sessionState.current;
		const shown = this.current;
		if (!session || !shown) return;
		this.current = null;
		await undo(session, shown.event, shown.householdId);
	}
}
