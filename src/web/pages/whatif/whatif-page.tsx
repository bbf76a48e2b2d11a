import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert.js';
import { DemoBadge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { SelectField } from '../../components/ui/form-field.js';
import { NotFound } from '../../components/ui/not-found.js';
import { PageTitle } from '../../components/ui/page-title.js';
import { QueryState } from '../../components/ui/query-state.js';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/status.js';
import { paths } from '../../config/paths.js';
import { useCycleResults } from '../../features/results/api/get-cycle-results.js';
import { useCycles } from '../../features/results/api/get-cycles.js';
import { scorecardQueryOptions } from '../../features/scorecards/api/get-scorecard.js';
import { useEngineInput } from '../../features/whatif/api/get-engine-input.js';
import { WeightSliders } from '../../features/whatif/components/weight-sliders.js';
import type { SliderField, SliderIndicator } from '../../features/whatif/components/weight-sliders.js';
import { WhatIfRanking } from '../../features/whatif/components/whatif-ranking.js';
import type { SimulatedRow } from '../../features/whatif/components/whatif-ranking.js';
import { WhatIfModel } from '../../features/whatif/utils/what-if-model.js';
import { formatNumber } from '../../lib/format.js';
import { localized } from '../../lib/localized.js';
import type { CycleResults, PublishedEngineInput, Scorecard } from '../../types/index.js';
import styles from '../page.module.css';
import whatif from '../../features/whatif/components/whatif.module.css';

/** Public what-if simulator: `/whatif` opens the latest published year. */
export default function WhatIfPage() {
  const { t } = useTranslation();
  const params = useParams();
  const cycles = useCycles();
  if (params.year === undefined) {
    return (
      <QueryState query={cycles} isEmpty={(c) => c.length === 0} empty={<EmptyState title={t('results.empty')} />}>
        {(list) => <Navigate to={paths.whatIfYear(list[0]!.year)} replace />}
      </QueryState>
    );
  }
  const year = Number(params.year);
  if (!Number.isInteger(year)) return <NotFound />;
  return <WhatIfScreen key={year} year={year} />;
}

function WhatIfScreen({ year }: { year: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cycles = useCycles();
  const input = useEngineInput(year);
  const results = useCycleResults(year);
  // Indicator names in both languages come with any district's scorecard of the year; take the first district's.
  const firstCode = results.data?.units[0]?.code ?? '';
  const scorecard = useQuery({ ...scorecardQueryOptions(year, firstCode), enabled: firstCode !== '' });

  return (
    <>
      <PageTitle title={t('whatif.pageTitle', { year })} />
      <div className={styles.header}>
        <h1>{t('whatif.heading')}</h1>
        <p className={styles.lead}>{t('whatif.intro')}</p>
      </div>
      <Alert tone="warning" title={t('whatif.noticeTitle')}>
        <p>{t('whatif.notice')}</p>
      </Alert>
      {cycles.data !== undefined && cycles.data.length > 1 && (
        <div className={whatif.yearPicker}>
          <SelectField label={t('whatif.yearLabel')} value={year} onChange={(e) => void navigate(paths.whatIfYear(e.target.value))}>
            {cycles.data.map((c) => (
              <option key={c.year} value={c.year}>
                {t('common.year', { year: c.year })}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      {input.isPending || results.isPending ? (
        <LoadingState label={t('whatif.loading')} />
      ) : input.isError ? (
        <ErrorState error={input.error} onRetry={() => void input.refetch()} />
      ) : results.isError ? (
        <ErrorState error={results.error} onRetry={() => void results.refetch()} />
      ) : (
        <Simulator input={input.data} results={results.data} scorecard={scorecard.data ?? null} />
      )}
    </>
  );
}

interface Timing {
  last: number;
  median: number;
  max: number;
  runs: number;
}

function Simulator({ input, results, scorecard }: { input: PublishedEngineInput; results: CycleResults; scorecard: Scorecard | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;

  const setup = useMemo(() => {
    try {
      const adjustments = new Map(results.units.map((u) => [u.code, (u.bonus ?? 0) + (u.penalty ?? 0)]));
      const model = new WhatIfModel(input, adjustments);
      const full = model.fullScore(input);
      const bench = model.benchmark();
      const published = new Map(results.units.map((u) => [u.code, u]));
      const reproduced = model.units.every((u) => {
        const p = published.get(u.code);
        const s = full.scores.get(u.code);
        return p !== undefined && s !== undefined && (p.score === null ? s === null : s !== null && Math.abs(s - p.score) < 1e-6);
      });
      return { model, fullMs: full.ms, fullWarmMs: full.warmMs, bench, reproduced, published, error: null };
    } catch (error) {
      return { model: null, fullMs: 0, fullWarmMs: 0, bench: null, reproduced: false, published: new Map(), error };
    }
  }, [input, results]);

  const { model } = setup;
  const [points, setPoints] = useState<number[]>(() => (model === null ? [] : Array.from(model.defaultPoints())));
  const timings = useRef<number[]>([]);
  const [timing, setTiming] = useState<Timing | null>(null);

  const ranking = useMemo(() => {
    if (model === null) return null;
    const out = model.newRanking();
    const pts = Float64Array.from(points);
    const started = performance.now();
    model.rankInto(pts, out);
    return { out, ms: performance.now() - started };
  }, [model, points]);

  // The timing note follows the computation; kept out of the memo so that rendering stays pure.
  useEffect(() => {
    if (ranking === null) return;
    timings.current.push(ranking.ms);
    const all = [...timings.current].sort((a, b) => a - b);
    const next = { last: ranking.ms, median: all[Math.floor(all.length / 2)] ?? 0, max: all.at(-1) ?? 0, runs: all.length };
    setTiming(next);
    if (import.meta.env.DEV) console.debug(`what-if re-rank: ${ranking.ms.toFixed(3)} ms (median ${next.median.toFixed(3)} ms, ${next.runs} runs)`);
  }, [ranking]);

  const names = useMemo(() => new Map((scorecard?.indicators ?? []).map((i) => [i.code, localized(i.name, language)])), [scorecard, language]);

  const rows = useMemo<SimulatedRow[]>(() => {
    if (model === null || ranking === null) return [];
    return model.units
      .map((u, k) => {
        const p = setup.published.get(u.code);
        return {
          code: u.code,
          name: u.name,
          score: ranking.out.scores[k]!,
          rank: ranking.out.ranks[k]!,
          publishedScore: p?.score ?? null,
          publishedRank: p?.rank ?? null,
        };
      })
      .sort((a, b) => (a.rank || Infinity) - (b.rank || Infinity) || a.code.localeCompare(b.code));
  }, [model, ranking, setup.published]);

  // Screen readers hear a short summary once the slider rests, not at every step.
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    const moved = rows.filter((r) => r.publishedRank !== null && r.publishedRank !== r.rank).length;
    const handle = window.setTimeout(() => setAnnouncement(t('whatif.announce', { name: rows[0]?.name ?? '', count: moved })), 700);
    return () => window.clearTimeout(handle);
  }, [rows, t]);

  if (model === null) return <ErrorState error={setup.error} />;

  const defaults = model.defaultPoints();
  const sliderIndicators: SliderIndicator[] = model.indicators.map((i) => ({ code: i.code, name: names.get(i.code) ?? i.name, published: i.points }));
  const sliderFields: SliderField[] = model.fields.map((f) => {
    const field = results.fields.find((x) => x.code === f.code);
    return {
      code: f.code,
      name: field === undefined ? f.name : localized(field.name, language),
      indexes: f.indicators.map((code) => model.indicators.findIndex((i) => i.code === code)),
    };
  });
  const total = points.reduce((s, p) => s + p, 0);
  const changed = points.some((p, i) => p !== defaults[i]);
  const moved = rows.filter((r) => r.publishedRank !== null && r.publishedRank !== r.rank).length;

  return (
    <>
      <div className={styles.sectionHeader}>
        <h2>{t('whatif.cycleHeading', { year: results.year })}</h2>
        {results.demo && <DemoBadge />}
      </div>
      <p className={whatif.check}>
        <span aria-hidden="true">{setup.reproduced ? '✔ ' : '⚠ '}</span>
        {setup.reproduced ? t('whatif.reproduced', { version: model.engineVersion }) : t('whatif.notReproduced', { version: model.engineVersion })}
      </p>
      <div className={whatif.layout}>
        <section className={whatif.controls} aria-labelledby="weights-heading">
          <h3 id="weights-heading">{t('whatif.weightsHeading')}</h3>
          <div className={whatif.actions}>
            <Button variant="secondary" size="small" disabled={!changed} onClick={() => setPoints(Array.from(defaults))}>
              <span aria-hidden="true">↺</span>
              {t('whatif.reset')}
            </Button>
            <Button variant="tertiary" size="small" onClick={() => setPoints(points.map(() => 5))}>
              {t('whatif.equal')}
            </Button>
            <p className={whatif.total}>
              {t('whatif.total')} <strong>{t('whatif.points', { points: formatNumber(total) })}</strong>
              {Math.abs(total - 100) > 1e-9 && total > 0 && <> · {t('whatif.rescaled')}</>}
            </p>
          </div>
          <WeightSliders
            fields={sliderFields}
            indicators={sliderIndicators}
            points={points}
            onChange={(index, value) => setPoints((current) => current.map((p, k) => (k === index ? value : p)))}
          />
        </section>
        <section className={whatif.ranking} aria-labelledby="ranking-heading">
          <h3 id="ranking-heading">{t('whatif.rankingHeading')}</h3>
          <p className={styles.meta}>{changed ? t('whatif.movedCount', { count: moved }) : t('whatif.unchanged')}</p>
          {total === 0 ? <EmptyState title={t('whatif.allZero')} /> : <WhatIfRanking rows={rows} year={results.year} />}
          {timing !== null && (
            <details>
              <summary>{t('texts.details')}</summary>
              <p className={whatif.timing}>
                {t('whatif.timing', {
                  max: timing.max.toFixed(3),
                  runs: timing.runs,
                  units: model.units.length,
                  full: setup.fullMs.toFixed(1),
                  fullWarm: setup.fullWarmMs.toFixed(2),
                  mean: (setup.bench?.meanMs ?? 0).toFixed(4),
                  repeats: setup.bench?.runs ?? 0,
                })}
              </p>
            </details>
          )}
          <p className="visually-hidden" aria-live="polite">
            {announcement}
          </p>
        </section>
      </div>
      {changed && (
        // On a phone the ranking sits below the sliders: a bar keeps the outcome in view while sliding.
        <p className={whatif.mobileSummary}>
          <span>{t('whatif.mobileSummary', { name: rows[0]?.name ?? '', count: moved })}</span>
          <a href="#ranking-heading">{t('whatif.toRanking')}</a>
        </p>
      )}
    </>
  );
}
