// Words for audit entries that had none (so the log never shows a code), and the "자세히" disclosure.
export const koAuditActions = {
  'adjustment.changed': '가점·감점 수정',
  'adjustment.changed_on_objection': '이의신청에 따른 가점·감점 수정',
  'adjustment.confirmed': '가점·감점 확정',
  'adjustment.entered': '가점·감점 입력',
  'adjustment.late_penalty': '제출 지연 감점',
  'adjustment.late_penalty_submitted': '제출 지연 감점 (제출 시)',
  'auth.login_throttled': '로그인 지연',
  'auth.password_change_failed': '비밀번호 변경 실패',
  'auth.password_change_throttled': '비밀번호 변경 지연',
  'auth.sessions_rotated': '로그인 세션 갱신',
  'award_history.imported': '수상 이력 가져오기',
  'objection.replied': '이의신청 답변',
  'objection.settings': '이의신청 설정 변경',
  'org_unit.groups_set': '비교 집단 지정',
  'population.edited': '인구 수정',
  'populations.imported': '인구 가져오기',
  'record_type.activated': '실적 유형 사용',
  'record_type.created': '실적 유형 생성',
  'record_type.deactivated': '실적 유형 사용 중지',
  'record_type.updated': '실적 유형 수정',
  'review.assignments_withdrawn': '평가위원 배정 철회',
  'review.conflict_declared': '회피 신청',
  'review.pledge_signed': '평가위원 서약',
  'review.reassigned': '평가위원 재배정',
  'review.settings_changed': '정성 평가 설정 변경',
  'scoring.tie_decided': '동점 순위 결정',
  'submission.changed_after_submit': '제출 후 실적 변경',
  'unit_level.words_set': '단위 명칭 변경',
  'user.admin_created': '관리자 계정 생성',
};

export const koAuditEntities = {
  adjustment: '가점·감점',
  award_history: '수상 이력',
  org_unit_levels: '단위 수준',
  org_unit_populations: '인구',
  review_conflict: '회피 신청',
  review_item: '정성 평가 항목',
  review_pledge: '평가위원 서약',
};

export const koTexts = {
  texts: {
    details: '자세히',
    detailsOf: '{{what}} 자세히',
  },
};
