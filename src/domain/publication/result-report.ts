/**
 * The internal 결과 보고 of a cycle — what the division reports up the line once the results are final: a summary,
 * the ranking table, the tiers with their prize totals, what changed between the provisional and the final results,
 * and the objections decided. Built in the documents' laid-out form (`DocModel`), dated in Seoul time.
 */
import { latestRunOfKind } from '../../db/repositories/scoring-runs.js';
import { objectionsOfCycle } from '../../db/repositories/objections.js';
import type { DbOrTx } from '../../db/tx.js';
import { formatWonKo } from '../../engine/index.js';
import { josa } from '../../korean.js';
import { administrationShortName, countKo, unitWords } from '../reference/unit-words.js';
import type { CycleOutcome } from '../scoring/evaluate.js';
import type { DocBlock, DocModel } from './document-model.js';
import { finalOutcome } from './files.js';
import { koreanDateTime } from './korean-text.js';
import { DEMO_LABEL, illustrativeNotice, indicatorByCode, joinNames } from './labels.js';
import { compact, fixed, signed } from './number-format.js';

const DEPARTMENT = '일자리정책과';
const STATUS_KO: Record<string, string> = { accepted: '인용', rejected: '기각' };
const KST_DAY = new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', year: 'numeric', month: 'numeric', day: 'numeric' });

function table(columns: string[], rows: string[][], numeric: boolean[]): DocBlock {
  return { kind: 'table', columns, rows, numeric };
}

/**
 * What was decided, with the value an accepted objection set: "인용 (40 → 100)" when the provisional run the
 * objection was filed against is the one compared here, else "인용 (정정 값 100)"; a rejection is "기각".
 */
function decisionText(
  o: { status: string; correctedValue: number | null; orgUnitCode: string; indicatorCode: string },
  filedAgainst: CycleOutcome | null,
): string {
  const word = STATUS_KO[o.status] ?? o.status;
  if (o.status !== 'accepted' || o.correctedValue === null) return word;
  const before = filedAgainst?.units.find((u) => u.code === o.orgUnitCode)?.raw[o.indicatorCode];
  return before === undefined || before === null
    ? `${word} (정정 값 ${compact(o.correctedValue)})`
    : `${word} (${compact(before)} → ${compact(o.correctedValue)})`;
}

const p = (bullet: '□' | '○' | '※', text: string): DocBlock => ({ kind: 'paragraph', bullet, level: bullet === '○' ? 1 : 0, text });

/**
 * The 결과 보고 of `year` from its published (else latest final) run, the latest provisional run and the cycle's
 * decided objections; `now` dates it (KST).
 *
 * @throws {DomainError} `no_final_run` (409) when the cycle has no final results yet.
 */
export async function resultReport(db: DbOrTx, year: number, now: Date): Promise<DocModel> {
  const { cycle, outcome, framework } = await finalOutcome(db, year);
  const city = await administrationShortName(db);
  const words = await unitWords(db);
  const provisionalRun = await latestRunOfKind(db, cycle.id, 'provisional');
  const provisional = provisionalRun ? (provisionalRun.result as CycleOutcome) : null;
  const objections = (await objectionsOfCycle(db, cycle.id, 'all')).filter((o) => o.status === 'accepted' || o.status === 'rejected');
  const tierName = new Map(outcome.tiers.map((t) => [t.code, t.name.ko]));
  const awarded = outcome.units.filter((u) => u.awardTier !== null);
  const first = outcome.units.filter((u) => u.rank === 1);
  const indicators = indicatorByCode(framework);
  const rules = new Map(framework.adjustments.rules.map((r) => [r.code, r.name.ko]));

  const blocks: DocBlock[] = [];
  blocks.push({ kind: 'heading', text: '1. 개요' });
  blocks.push(
    p(
      '□',
      `${josa(`${outcome.units.length}개 ${words.nameKo}`, '을/를')} 대상으로 ${framework.fields.length}개 분야 ${framework.indicators.length}개 세부지표에 걸쳐 ${year}년 평가를 마쳤다.`,
    ),
  );
  if (first.length > 0)
    blocks.push(
      p(
        '○',
        `종합 1위: ${joinNames(
          first.map((u) => u.name),
          'ko',
        )} (총점 ${fixed(first[0]?.score ?? null, 2)}점)`,
      ),
    );
  blocks.push(
    p(
      '○',
      outcome.prizeTotal > 0
        ? `시상: ${countKo(awarded.length, words)}, 시상금 총 ${formatWonKo(outcome.prizeTotal)}`
        : `시상: ${countKo(awarded.length, words)} (시상금 없음)`,
    ),
  );
  blocks.push(
    p(
      '○',
      `이의신청 결정: ${objections.length}건 (인용 ${objections.filter((o) => o.status === 'accepted').length}건, 기각 ${objections.filter((o) => o.status === 'rejected').length}건)`,
    ),
  );

  blocks.push({ kind: 'heading', text: '2. 순위' });
  blocks.push(
    table(
      ['순위', words.nameKo, '기본 점수', '가점', '감점', '총점', '등급', '시상금'],
      outcome.units.map((u) => [
        u.rank === null ? '–' : String(u.rank),
        u.name,
        fixed(u.baseScore, 2),
        u.bonus === 0 ? '–' : fixed(u.bonus, 2),
        u.penalty === 0 ? '–' : fixed(u.penalty, 2),
        fixed(u.score, 2),
        u.awardTier ? (tierName.get(u.awardTier) ?? '') : '',
        u.prize > 0 ? formatWonKo(u.prize) : '–',
      ]),
      [true, false, true, true, true, true, false, true],
    ),
  );

  blocks.push({ kind: 'heading', text: '3. 등급과 시상금' });
  const paid = outcome.tiers.filter((t) => t.winners.length > 0);
  if (paid.length === 0) blocks.push(p('○', '시상 대상이 없다.'));
  else {
    const name = new Map(outcome.units.map((u) => [u.code, u.name]));
    blocks.push(
      table(
        ['등급', `${words.nounKo} 수`, words.nameKo, '1곳당 시상금', '시상금 계'],
        [
          ...paid.map((t) => [
            t.name.ko,
            `${t.winners.length}`,
            joinNames(
              t.winners.map((c) => name.get(c) ?? c),
              'ko',
            ),
            t.prizeEach > 0 ? formatWonKo(t.prizeEach) : '–',
            t.total > 0 ? formatWonKo(t.total) : '–',
          ]),
          ['합계', `${awarded.length}`, '', '', outcome.prizeTotal > 0 ? formatWonKo(outcome.prizeTotal) : '–'],
        ],
        [false, true, false, true, true],
      ),
    );
  }

  blocks.push({ kind: 'heading', text: '4. 잠정 결과와 최종 결과의 차이' });
  if (!provisional) blocks.push(p('○', '잠정 결과 산정이 없어 비교하지 않았다.'));
  else {
    const before = new Map(provisional.units.map((u) => [u.code, u]));
    const changed = outcome.units.filter((u) => {
      const b = before.get(u.code);
      return !b || b.rank !== u.rank || Math.abs((b.score ?? 0) - (u.score ?? 0)) > 1e-9 || b.awardTier !== u.awardTier;
    });
    if (changed.length === 0) blocks.push(p('○', '잠정 결과와 최종 결과가 같다.'));
    else {
      blocks.push(p('○', `${josa(countKo(changed.length, words), '이/가')} 잠정 결과와 달라졌다.`));
      blocks.push(
        table(
          [words.nameKo, '잠정 순위', '최종 순위', '잠정 총점', '최종 총점', '총점 변동', '잠정 등급', '최종 등급'],
          changed.map((u) => {
            const b = before.get(u.code);
            return [
              u.name,
              b?.rank == null ? '–' : String(b.rank),
              u.rank === null ? '–' : String(u.rank),
              fixed(b?.score ?? null, 2),
              fixed(u.score, 2),
              b?.score != null && u.score !== null ? signed(u.score - b.score, 2) : '–',
              b?.awardTier ? (provisional.tiers.find((t) => t.code === b.awardTier)?.name.ko ?? '') : '–',
              u.awardTier ? (tierName.get(u.awardTier) ?? '') : '–',
            ];
          }),
          [false, true, true, true, true, true, false, false],
        ),
      );
    }
  }

  blocks.push({ kind: 'heading', text: '5. 이의신청 처리' });
  if (objections.length === 0) blocks.push(p('○', '결정된 이의신청이 없다.'));
  else
    blocks.push(
      table(
        ['신청', '대상', '지표·항목', '결과', '결정 사유', '결정일'],
        objections.map((o) => [
          o.filerName,
          o.orgUnitName,
          indicators.get(o.indicatorCode)?.name.ko ?? rules.get(o.indicatorCode) ?? o.indicatorCode,
          decisionText(o, provisionalRun?.id === o.runId ? provisional : null),
          o.decisionReason ?? '',
          o.decidedAt ? KST_DAY.format(o.decidedAt) : '',
        ]),
        [false, false, false, false, false, false],
      ),
    );

  const notices = [
    cycle.isDemo ? `${DEMO_LABEL.ko}: 합성 자료로 만든 보고서이며 실제 평가 결과가 아닙니다.` : null,
    illustrativeNotice(framework)?.ko ?? null,
  ].filter((n): n is string => n !== null);
  for (const n of notices) blocks.push(p('※', n));

  return {
    label: '결과 보고',
    meta: [
      { label: '작성일시', value: koreanDateTime(now) },
      { label: '담당 부서', value: `${city} ${DEPARTMENT}` },
      { label: '대상', value: `${outcome.units.length}개 ${words.nameKo}` },
    ],
    title: `${year} 희망일자리 만들기 평가 결과 보고`,
    subtitles: [],
    blocks,
    footer: `${year} 평가 결과 보고 · ${koreanDateTime(now)} 출력 · 내부 문서`,
    notes: cycle.isDemo ? [DEMO_LABEL.ko] : [],
    demo: cycle.isDemo,
  };
}
