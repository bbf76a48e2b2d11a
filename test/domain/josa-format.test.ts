import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { addKoreanFormats, josaFormat, particleFormat, particleOf } from '../../src/web/lib/josa-format.js';
import { ko } from '../../src/web/locales/ko.js';

/** `t` with keys of this test's own resources (the app's typed keys do not apply to them). */
type T = (key: string, options?: Record<string, unknown>) => string;

async function instance() {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'ko',
    resources: {
      ko: {
        translation: {
          version: '확정된 평가 체계를 바꾸면 버전 {{version, josa(이/가)}} 새로 만들어집니다.',
          run: '실행 #{{id, josa(을/를)}} 저장했습니다.',
          with: '{{name, josa(과/와)}} 비교합니다.',
          to: '{{label, josa(으로/로)}} 표시됩니다.',
          quoted: '"{{label}}"{{label, particle(으로/로)}} 표시됩니다.',
          topic: '{{unit, josa(은/는)}} 제출했습니다.',
        },
        app: ko,
      },
    },
    interpolation: { escapeValue: false, defaultVariables: { unitKo: '자치구', unitKoNeun: '자치구는' } },
  });
  addKoreanFormats(i18n);
  return i18n.t.bind(i18n) as unknown as T;
}

describe('the i18next format josa: {{word, josa(이/가)}}', () => {
  it('chooses the particle by the interpolated word, numbers read aloud', async () => {
    const t = await instance();
    expect(t('version', { version: 2 })).toBe('확정된 평가 체계를 바꾸면 버전 2가 새로 만들어집니다.');
    expect(t('version', { version: 3 })).toBe('확정된 평가 체계를 바꾸면 버전 3이 새로 만들어집니다.');
    expect(t('run', { id: 6 })).toBe('실행 #6을 저장했습니다.');
    expect(t('run', { id: 12 })).toBe('실행 #12를 저장했습니다.');
    expect(t('with', { name: "'사회적경제 시장 활성화'(40점)" })).toBe("'사회적경제 시장 활성화'(40점)와 비교합니다.");
    expect(t('with', { name: '기업방문' })).toBe('기업방문과 비교합니다.');
    expect(t('to', { label: '서울' })).toBe('서울로 표시됩니다.');
    expect(t('to', { label: '광진구청' })).toBe('광진구청으로 표시됩니다.');
    expect(t('quoted', { label: '자치구 A' })).toBe('"자치구 A"로 표시됩니다.');
    expect(t('quoted', { label: '자치구 7' })).toBe('"자치구 7"로 표시됩니다.');
    expect(t('quoted', { label: '자치구 3' })).toBe('"자치구 3"으로 표시됩니다.');
    expect(t('topic', { unit: '광진구' })).toBe('광진구는 제출했습니다.');
    expect(t('topic', { unit: '가평군' })).toBe('가평군은 제출했습니다.');
  });

  it('reads right in the app’s own Korean strings', async () => {
    const t = await instance();
    const app = (key: string, options: Record<string, unknown>) => t(key, { ns: 'app', ...options });
    expect(app('scoring.run.done', { id: 6 })).toBe('실행 #6을 저장했습니다.');
    expect(app('scoring.reproduce.identical', { id: 2 })).toBe('실행 #2가 똑같이 재현되었습니다');
    expect(app('framework.reasonText', { version: 3 })).toMatch(/^확정된 평가 체계를 바꾸면 버전 3이 새로 만들어집니다/);
    expect(app('referenceData.groups.repeated', { grouping: '유형' })).toMatch(/^기준 ‘유형’이 두 번 있습니다/);
    expect(app('reviews.dossier.blindNote', { label: '자치구 A' })).toBe('블라인드 평가: 이 자치구는 "자치구 A"로 표시되며, 이름과 파일명은 가려져 있습니다.');
    expect(app('verification.panel.flags.history', { n: 3, median: '1,000', z: '4.2' })).toMatch(/중앙값 1,000과 크게 다릅니다/);
  });

  it('reads either order of the pair and leaves a word alone without one', () => {
    expect(particleOf('과/와')).toBe('와/과');
    expect(particleOf('이/가')).toBe('이/가');
    expect(particleOf('foo/bar')).toBeNull();
    expect(josaFormat('광진구', 'ko', { lng: 'ko' })).toBe('광진구');
    expect(josaFormat('', 'ko', { '이/가': '' })).toBe('');
    expect(josaFormat(null, 'ko', { '이/가': '' })).toBe('');
    expect(particleFormat('결과', 'ko', { '을/를': '' })).toBe('를');
    expect(particleFormat('결과', 'ko', {})).toBe('');
  });
});
