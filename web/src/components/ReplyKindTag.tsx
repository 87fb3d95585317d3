import type { ReplyKind } from '../api/replies';
import { REPLY_KIND_TEXT } from '../lib/replyText';

/** What a client's reply asked for, as a tag. */
export function ReplyKindTag({ kind }: { kind: ReplyKind }) {
  return <span className={`tag tag--reply-${kind}`}>{REPLY_KIND_TEXT[kind]}</span>;
}
