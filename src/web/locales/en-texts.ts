import type { koAuditActions, koAuditEntities, koTexts } from './ko-texts.js';

export const enAuditActions: typeof koAuditActions = {
  'adjustment.changed': 'Bonus or penalty changed',
  'adjustment.changed_on_objection': 'Bonus or penalty changed on an objection',
  'adjustment.confirmed': 'Bonus or penalty confirmed',
  'adjustment.entered': 'Bonus or penalty entered',
  'adjustment.late_penalty': 'Late-submission penalty',
  'adjustment.late_penalty_submitted': 'Late-submission penalty (on submission)',
  'auth.login_throttled': 'Sign-in delayed',
  'auth.password_change_failed': 'Password change failed',
  'auth.password_change_throttled': 'Password change delayed',
  'auth.sessions_rotated': 'Sign-in sessions renewed',
  'award_history.imported': 'Award history imported',
  'objection.replied': 'Objection answered',
  'objection.settings': 'Objection settings changed',
  'org_unit.groups_set': 'Peer groups set',
  'population.edited': 'Population edited',
  'populations.imported': 'Populations imported',
  'record_type.activated': 'Record type in use',
  'record_type.created': 'Record type created',
  'record_type.deactivated': 'Record type retired',
  'record_type.updated': 'Record type changed',
  'review.assignments_withdrawn': 'Reviewer assignments withdrawn',
  'review.conflict_declared': 'Conflict of interest declared',
  'review.pledge_signed': 'Reviewer pledge signed',
  'review.reassigned': 'Reviewer reassigned',
  'review.settings_changed': 'Panel review settings changed',
  'scoring.tie_decided': 'Tie decided',
  'submission.changed_after_submit': 'Records changed after submission',
  'unit_level.words_set': 'Unit words changed',
  'auth.second_factor_passed': 'Second factor passed',
  'auth.second_factor_failed': 'Second factor failed',
  'auth.second_factor_throttled': 'Second factor attempts delayed',
  'auth.second_factor_enrolled': 'Second factor set up',
  'user.second_factor_reset': 'Second factor reset',
  'auth.sso_refused': 'Single sign-on refused',
  'user.provisioned_by_sso': 'Account created by single sign-on',
  'user.admin_created': 'Administrator account created',
};

export const enAuditEntities: typeof koAuditEntities = {
  adjustment: 'Bonus or penalty',
  award_history: 'Award history',
  org_unit_levels: 'Unit levels',
  org_unit_populations: 'Population',
  review_conflict: 'Conflict of interest',
  review_item: 'Panel review item',
  review_pledge: 'Reviewer pledge',
};

export const enTexts: typeof koTexts = {
  texts: {
    details: 'Details',
    detailsOf: 'Details of {{what}}',
  },
};
