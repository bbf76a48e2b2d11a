// English strings of single sign-on on the sign-in page; en.ts spreads them in. Mirrors ko-sso.ts.
export const enSso = {
  sso: {
    button: 'Sign in with your organisation account',
    buttonNamed: 'Sign in with {{name}}',
    or: 'Or sign in with a username and password',
    onlyIntro: 'This service signs you in with your organisation account only.',
    failedTitle: 'Signing in with your organisation account did not work.',
    reasons: {
      unreachable: 'The organisation’s sign-in server cannot be reached. Try again in a moment; if it goes on, tell the system operator.',
      failed: 'The answer of the organisation’s sign-in server could not be verified. Start signing in again.',
      expired: 'The sign-in took too long or was started in another window. Start signing in again.',
      no_account: 'Your organisation confirmed who you are, but you have no account here. Ask the city administrator for one.',
      unusable: 'This account cannot be used. Ask the city administrator.',
    },
  },
};
