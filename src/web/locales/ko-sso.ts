// Korean strings of single sign-on (기관 계정 로그인) on the sign-in page; ko.ts spreads them in. en-sso.ts mirrors this shape.
export const koSso = {
  sso: {
    button: '기관 계정으로 로그인',
    buttonNamed: '{{nameRo}} 로그인',
    or: '또는 아이디와 비밀번호로 로그인',
    onlyIntro: '이 서비스는 기관 계정으로만 로그인합니다.',
    failedTitle: '기관 계정으로 로그인하지 못했습니다.',
    reasons: {
      unreachable: '기관 인증 서버에 연결할 수 없습니다. 잠시 후 다시 시도하세요. 계속되면 시스템 운영자에게 알려 주세요.',
      failed: '기관 인증 서버의 응답을 확인하지 못했습니다. 처음부터 다시 로그인하세요.',
      expired: '로그인 시간이 지났거나 다른 창에서 시작한 로그인입니다. 처음부터 다시 로그인하세요.',
      no_account: '기관 계정은 확인되었지만 이 서비스의 계정이 없습니다. 시 관리자에게 계정을 요청하세요.',
      unusable: '이 계정은 사용할 수 없습니다. 시 관리자에게 문의하세요.',
    },
  },
};
