/** Clock time as users read it on screen: 14:05, 24-hour. */
export const clockTime = (iso: string): string =>
	new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });

/** Date and time, 24-hour: 2026/11/23 14:05:09. */
export const dateTime = (iso: string): string => new Date(iso).toLocaleString('zh-CN', { hour12: false });
