/** Who sent a batch: stored with each of its events (`events.actor`). */
export type Actor = { tokenId: string; label: string };

export const ADMIN_ACTOR: Actor = { tokenId: 'admin', label: '管理员' };

/** The service itself (year-end drafting and the like). */
export const SYSTEM_ACTOR: Actor = { tokenId: 'system', label: '系统' };
