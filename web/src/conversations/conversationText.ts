import type { ConversationFilter, ConversationMessageKind } from '../api/conversations';

/** What each message in a conversation was, in the owner's words. */
export const MESSAGE_KIND_TEXT: Record<ConversationMessageKind, string> = {
  reply: 'Reply',
  reminder: 'Reminder',
  notice: 'Change notice',
  direct: 'Message',
  answer: 'Your reply',
  'auto-reply': 'Automatic answer',
};

export const FILTERS: readonly { filter: ConversationFilter; label: string; heading: string; empty: string }[] = [
  {
    filter: 'all',
    label: 'All',
    heading: 'All conversations',
    empty: 'No conversations yet. When a client replies, or you write to them from their page, the conversation shows here.',
  },
  { filter: 'unread', label: 'Unread', heading: 'Unread conversations', empty: 'No unread conversations: you have read every reply.' },
  {
    filter: 'action',
    label: 'Needs action',
    heading: 'Conversations that need action',
    empty: 'Nothing needs action: every rearrange request, cancellation and question has been answered or handled.',
  },
];

export function filterFrom(value: string | null): ConversationFilter {
  return FILTERS.find((option) => option.filter === value)?.filter ?? 'all';
}
