import type { NotificationKind } from '../../../contract/values.js';
import { josa } from '../../../korean.js';
import type { Lang, Message } from '../../../message.js';

/** What each kind of notification is called in an e-mail (the inbox's own words). */
export const kindNames: Record<NotificationKind, Message> = {
  item_returned: { ko: '반려', en: 'Returned' },
  submission_approved: { ko: '승인', en: 'Approved' },
  objection_filed: { ko: '이의신청 접수', en: 'Objection filed' },
  objection_reply_requested: { ko: '이의신청 답변 요청', en: 'Reply requested' },
  objection_replied: { ko: '이의신청 답변', en: 'Objection answered' },
  review_reopened: { ko: '재심사 요청', en: 'Re-review requested' },
  objection_decided: { ko: '이의신청 결정', en: 'Objection decided' },
  deadline_near: { ko: '마감 안내', en: 'Deadline' },
  submission_submitted: { ko: '제출 (승인 대기)', en: 'Submitted (awaiting approval)' },
  item_changed: { ko: '실적 변경', en: 'Records changed' },
  adjustment_recorded: { ko: '가점·감점 반영', en: 'Bonus/penalty recorded' },
  adjustment_pending: { ko: '가점·감점 확인 요청', en: 'Bonus/penalty to confirm' },
};

const PRODUCT: Message = { ko: '희망일자리 평가', en: 'HopeJobs evaluation' };

/** The time of day in Seoul, 24-hour: "15:00". */
export function seoulTime(at: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Seoul', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** A date and time in Seoul: "2020년 8월 29일 15:00" / "29 August 2020, 15:00 KST". */
export function seoulDateTime(at: Date, lang: Lang): string {
  const date = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', { timeZone: 'Asia/Seoul', dateStyle: 'long' }).format(at);
  return lang === 'ko' ? `${date} ${seoulTime(at)}` : `${date}, ${seoulTime(at)} KST`;
}

/** A Seoul calendar day (YYYY-MM-DD) in words: "2020년 8월 29일 (토)" / "Saturday 29 August 2020". */
export function seoulDayName(day: string, lang: Lang): string {
  const at = new Date(`${day}T12:00:00+09:00`);
  if (lang === 'ko') {
    const date = new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', dateStyle: 'long' }).format(at);
    const weekday = new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', weekday: 'short' }).format(at);
    return `${date} (${weekday})`;
  }
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Seoul', dateStyle: 'full' }).format(at);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface MailNotification {
  kind: NotificationKind;
  message: Message;
  link: string | null;
  createdAt: Date;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

function page(lang: Lang, title: string, blocks: string[]): string {
  return [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.6;color:#1a1a1a;max-width:40rem">',
    ...blocks,
    '</body></html>',
  ].join('\n');
}

const linkHtml = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;

/** One notification, mailed at once. */
export function renderImmediate(opts: { lang: Lang; displayName: string; notification: MailNotification; publicUrl: string }): RenderedMail {
  const { lang, displayName, notification: n, publicUrl } = opts;
  const kind = kindNames[n.kind][lang];
  const when = seoulDateTime(n.createdAt, lang);
  const href = n.link ? `${publicUrl}${n.link}` : `${publicUrl}/notifications`;
  const settings = `${publicUrl}/settings/notifications`;
  if (lang === 'ko') {
    const intro = `${displayName}님, 새 알림 ${josa(`'${kind}'`, '이/가')} 도착했습니다.`;
    const subject = `[${PRODUCT.ko}] ${kind}: ${n.message.ko}`;
    const text = [
      intro,
      '',
      n.message.ko,
      `알림 시각: ${when} (한국 시간)`,
      '',
      `바로 가기: ${href}`,
      '',
      `알림을 받을 방식은 ${settings} 에서 바꿀 수 있습니다.`,
    ].join('\n');
    const html = page('ko', subject, [
      `<p>${escapeHtml(intro)}</p>`,
      `<p><strong>${escapeHtml(n.message.ko)}</strong><br>알림 시각: ${escapeHtml(when)} (한국 시간)</p>`,
      `<p>${linkHtml(href, '바로 가기')}</p>`,
      `<p style="font-size:0.9em;color:#555">알림을 받을 방식은 ${linkHtml(settings, '알림 설정')}에서 바꿀 수 있습니다.</p>`,
    ]);
    return { subject, text, html };
  }
  const intro = `${displayName}, you have a new notification: ${kind}.`;
  const subject = `[${PRODUCT.en}] ${kind}: ${n.message.en}`;
  const text = [intro, '', n.message.en, `Sent: ${when}`, '', `Open: ${href}`, '', `Choose how you are notified at ${settings}`].join('\n');
  const html = page('en', subject, [
    `<p>${escapeHtml(intro)}</p>`,
    `<p><strong>${escapeHtml(n.message.en)}</strong><br>Sent: ${escapeHtml(when)}</p>`,
    `<p>${linkHtml(href, 'Open')}</p>`,
    `<p style="font-size:0.9em;color:#555">Choose how you are notified in your ${linkHtml(settings, 'notification settings')}.</p>`,
  ]);
  return { subject, text, html };
}

/** A Seoul day's notifications in one e-mail, with the one-click unsubscribe link. */
export function renderDigest(opts: {
  lang: Lang;
  displayName: string;
  day: string;
  notifications: MailNotification[];
  publicUrl: string;
  unsubscribeUrl: string;
}): RenderedMail {
  const { lang, displayName, day, notifications, publicUrl, unsubscribeUrl } = opts;
  const dayName = seoulDayName(day, lang);
  const count = notifications.length;
  const items = notifications.map((n) => {
    return {
      time: seoulTime(n.createdAt),
      kind: kindNames[n.kind][lang],
      message: n.message[lang],
      href: `${publicUrl}${n.link ?? '/notifications'}`,
    };
  });
  if (lang === 'ko') {
    const subject = `[${PRODUCT.ko}] ${dayName} 알림 ${count.toLocaleString('ko-KR')}건`;
    const intro = `${displayName}님, ${dayName}(한국 시간)에 온 알림 ${count.toLocaleString('ko-KR')}건을 모았습니다.`;
    const text = [
      intro,
      '',
      ...items.map((i) => `- [${i.time}] ${i.kind}: ${i.message}\n  ${i.href}`),
      '',
      `알림함: ${publicUrl}/notifications`,
      `이 요약 메일을 그만 받으려면: ${unsubscribeUrl}`,
    ].join('\n');
    const html = page('ko', subject, [
      `<p>${escapeHtml(intro)}</p>`,
      '<ul>',
      ...items.map((i) => `<li>${escapeHtml(i.time)} · <strong>${escapeHtml(i.kind)}</strong>: ${linkHtml(i.href, i.message)}</li>`),
      '</ul>',
      `<p>${linkHtml(`${publicUrl}/notifications`, '알림함 열기')}</p>`,
      `<p style="font-size:0.9em;color:#555">${linkHtml(unsubscribeUrl, '이 요약 메일 수신 거부')}</p>`,
    ]);
    return { subject, text, html };
  }
  const plural = count === 1 ? 'notification' : 'notifications';
  const subject = `[${PRODUCT.en}] ${count} ${plural} on ${dayName}`;
  const intro = `${displayName}, here are your ${count} ${plural} of ${dayName} (Korea time).`;
  const text = [
    intro,
    '',
    ...items.map((i) => `- [${i.time}] ${i.kind}: ${i.message}\n  ${i.href}`),
    '',
    `Inbox: ${publicUrl}/notifications`,
    `Stop these digests: ${unsubscribeUrl}`,
  ].join('\n');
  const html = page('en', subject, [
    `<p>${escapeHtml(intro)}</p>`,
    '<ul>',
    ...items.map((i) => `<li>${escapeHtml(i.time)} · <strong>${escapeHtml(i.kind)}</strong>: ${linkHtml(i.href, i.message)}</li>`),
    '</ul>',
    `<p>${linkHtml(`${publicUrl}/notifications`, 'Open the inbox')}</p>`,
    `<p style="font-size:0.9em;color:#555">${linkHtml(unsubscribeUrl, 'Unsubscribe from these digests')}</p>`,
  ]);
  return { subject, text, html };
}
