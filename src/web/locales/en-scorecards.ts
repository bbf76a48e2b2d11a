import type { koScorecards } from './ko-scorecards.js';

// English strings of the public scorecard and open-data additions; mirrors ko-scorecards.ts.
export const enScorecards: typeof koScorecards = {
  scorecardMore: {
    pdfLink: 'Download the scorecard (PDF)',
    pdfHint: 'PDF, for printing · English',
    prize: 'Prize money',
    prizeValue: 'KRW {{amount}}',
    prizeNone: 'None',
    robustnessHeading: 'How certain is the rank?',
    robustnessSentence:
      'Recomputed {{runs}} times to reflect uncertainty, this {{unitEn}} ranks between {{low}} and {{high}}, and the chance of {{tier}} or better is {{percent}}%.',
    robustnessSentenceSame:
      'Recomputed {{runs}} times to reflect uncertainty, this {{unitEn}} keeps rank {{low}}, and the chance of {{tier}} or better is {{percent}}%.',
    robustnessSentenceNoTier:
      'Recomputed {{runs}} times to reflect uncertainty, this {{unitEn}} ranks between {{low}} and {{high}}, and the chance of receiving an award is {{percent}}%.',
    robustnessSentenceNoAwards: 'Recomputed {{runs}} times to reflect uncertainty, this {{unitEn}} ranks between {{low}} and {{high}}.',
    robustnessNote:
      'The indicator weights were changed at random by up to ±{{noise}}% and the results computed again. The rank range holds 90% of those computations (5th to 95th percentile); the chance is the share of computations giving that award or a better one (on the points before bonus and penalty). The official rank and awards do not change; a narrow range means the rank holds even if the weights were somewhat different.',
    robustnessMissing: 'No uncertainty analysis of the rank is available for this year.',
    scoreAxis: 'Score',
    rankAxis: 'Rank (1st at the top)',
    rankAxisNote: 'The rank chart puts 1st at the top and does not start at zero.',
    scoreAxisNote: 'The score axis starts at 0.',
    radarAxisNote: 'The axes are named after the indicators; every axis starts at 0.',
    prizeEach: 'KRW {{amount}} per {{unitEn}}',
    prizeTotal: 'Prize money in total: KRW {{amount}}',
    prizeColumn: 'Prize (KRW)',
  },
  openDataMore: {
    longHeading: 'All years in one file (long format)',
    longDescription:
      'Every published year in one file: one row per year × {{unitEn}} × indicator, with the framework version and a crosswalk of indicator codes between years.',
    longFormatsLabel: 'File formats of the all-years file',
    dictionary: 'Data dictionary (CSV)',
    csvCp949: 'CSV (CP949, older Excel)',
    englishHeaders: 'English column names',
    precisionNote: 'Points are given to 2 decimals, raw values as entered. Times are Korea Standard Time (KST).',
  },
};
