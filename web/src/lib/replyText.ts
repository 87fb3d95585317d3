import type { ReplyKind } from '../api/replies';

/** What each kind of reply means for the owner, in their words. */
export const REPLY_KIND_TEXT: Record<ReplyKind, string> = {
  stop: 'Stopped messages',
  start: 'Opted back in',
  help: 'Asked for help',
  confirm: 'Confirmed',
  cancel: 'Wants to cancel',
  rearrange: 'Needs to rearrange',
  other: 'Message',
};
