import type { koEmail } from './ko-email.js';

// English strings of the e-mail notification settings and the digest's unsubscribe page (the shape of ko-email.ts).
export const enEmail: typeof koEmail = {
  emailSettings: {
    menu: 'Notification settings',
    pageTitle: 'Notification settings',
    heading: 'Notification settings',
    intro:
      'Choose the address and language of notification e-mails and, for each kind, whether it is mailed at once, collected in one daily digest (a day in Korea time) or not mailed. The inbox always keeps every notification.',
    noDelivery: 'No mail server is configured for this installation, so no e-mail is sent for now. Your settings are kept and apply once one is configured.',
    email: 'E-mail address',
    emailHint: 'Leave it empty to receive no e-mail.',
    language: 'E-mail language',
    languages: { ko: '한국어', en: 'English' },
    kindsLegend: 'How each kind of notification is mailed',
    modes: { immediate: 'At once', digest: 'In the daily digest', off: 'Not mailed' },
    kinds: {
      item_returned: 'Returned',
      submission_approved: 'Approved',
      objection_filed: 'Objection filed',
      objection_reply_requested: 'Reply requested',
      objection_replied: 'Objection answered',
      review_reopened: 'Re-review requested',
      objection_decided: 'Objection decided',
      deadline_near: 'Deadline',
      submission_submitted: 'Submitted (awaiting approval)',
      item_changed: 'Records changed',
      adjustment_recorded: 'Bonus/penalty recorded',
      adjustment_pending: 'Bonus/penalty to confirm',
    },
    save: 'Save',
    saving: 'Saving…',
    saved: 'Notification settings saved.',
    failed: 'Could not save',
    invalidEmail: 'Enter a valid e-mail address.',
  },
  unsubscribe: {
    pageTitle: 'Unsubscribe from digests',
    heading: 'Unsubscribe from the daily digest',
    intro: 'Press the button to stop the daily digest e-mails. Notifications mailed at once and the inbox stay as they are.',
    confirm: 'Unsubscribe',
    done: 'You will receive no more daily digests. You can turn them on again in your notification settings.',
    invalid: 'This unsubscribe link is not valid. Open the link from the e-mail as it is.',
    missing: 'The link carries no unsubscribe information. Open the link from the e-mail as it is.',
  },
};
