import { DomainError, type Message } from '../errors.js';
import { josaPick } from '../../korean.js';

/**
 * The optimistic-concurrency refusal (HTTP 409): someone saved `subject` first; `current` is what is stored now,
 * so the editor can show it and nothing is silently overwritten.
 */
export function staleVersion(subject: Message, current: unknown): DomainError {
  return new DomainError(
    'conflict',
    'stale_version',
    {
      ko: `다른 사용자가 이 ${subject.ko}${josaPick(subject.ko, '을/를')} 먼저 고쳤습니다. 최신 내용을 확인한 뒤 다시 저장하세요.`,
      en: `Someone changed this ${subject.en} first. Review the current version and save again.`,
    },
    [],
    { current },
  );
}
