/** E-mail notifications: SMTP sending by the job worker, the templates, each user's settings and one-click unsubscribe. */
export { EMAIL_JOB_KIND, dispatchEmail, emailDispatchJobHandler, requestEmailDispatch, type DispatchResult } from './dispatch.js';
export { mailSettingsFromConfig, smtpMailer, smtpOptions, type MailSettings, type Mailer, type OutgoingMail, type SentMail } from './mailer.js';
export { defaultEmailModes, effectiveModes, getEmailSettings, updateEmailSettings, type EmailSettingsView } from './settings.js';
export { kindNames, renderDigest, renderImmediate, seoulDateTime, seoulDayName } from './templates.js';
export { unsubscribeFromDigest, unsubscribeToken } from './unsubscribe.js';
