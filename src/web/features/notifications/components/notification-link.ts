import { paths } from '../../../config/paths.js';
import { districtsOf, hasRole } from '../../../lib/roles.js';
import type { User } from '../../../types/index.js';
import type { AppNotification } from '../../../types/index.js';

/**
 * Where in the app a notification leads. The server names the resource (e.g. `/cycles/2020/districts/11215/
 * submissions/J3`); the app turns it into the page that works on it. A deadline reminder (`/cycles/2020`) leads
 * to the page of the stage that is closing, for the reader's role.
 */
export function appLinkFor(notification: AppNotification, user: User | null): string | null {
  const link = notification.payload.link;
  if (typeof link !== 'string') return null;
  let m = /^\/cycles\/(\d{4})\/districts\/([^/]+)\/submissions\/([A-Za-z0-9_]+)$/.exec(link);
  if (m !== null) return `${paths.district(decodeURIComponent(m[2]!), m[1]!, 'values')}&indicator=${encodeURIComponent(m[3]!)}`;
  m = /^\/cycles\/(\d{4})\/objections$/.exec(link);
  if (m !== null) return paths.objections(m[1]!);
  m = /^\/cycles\/(\d{4})\/adjustments$/.exec(link);
  if (m !== null) return paths.adjustments(m[1]!);
  m = /^\/cycles\/(\d{4})$/.exec(link);
  if (m !== null) {
    const year = m[1]!;
    const stage = typeof notification.payload.stage === 'string' ? notification.payload.stage : '';
    const own = districtsOf(user, 'district_officer', 'district_approver')[0];
    if (stage === 'open' && own !== undefined) return paths.district(own, year, 'values');
    if (stage === 'verification') return paths.verification(year);
    if (stage === 'review') return hasRole(user, 'reviewer', 'city_admin', 'auditor') ? paths.reviews(year) : null;
    if (stage === 'objections') return paths.objections(year);
    return hasRole(user, 'city_admin', 'auditor') ? paths.adminCycle(year) : own === undefined ? null : paths.district(own, year);
  }
  return link.startsWith('/') && !link.startsWith('//') ? link : null;
}
