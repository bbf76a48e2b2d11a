import type { koAwards } from './ko-awards.js';

export const enAwards: typeof koAwards = {
  awardHistory: {
    pageTitle: 'Award history',
    heading: 'Award history',
    nav: 'Award history',
    intro:
      'Load the results of the years before this system ran the evaluation (tier, rank, score, prize) from a file. Streaks ("N years in a row") count these years together with the results published in the system. Years with a result published in the system cannot be loaded.',
    demoNotice: 'Rows whose source is demo are the demo’s illustrative reconstruction, not official results.',
    upload: {
      heading: 'Import a file',
      fileLabel: 'Award-history file (CSV or Excel)',
      fileHint: 'Columns: year, code, name, tier (required), rank, score, prize, source, note. CSV in UTF-8 or CP949. If any row is wrong, nothing is loaded.',
      sourceLabel: 'Source (optional)',
      sourceHint: 'Recorded for rows without a source of their own; the file name when left empty.',
      submit: 'Import',
      template: 'Download the template (CSV)',
      done: '{{rows}} results loaded ({{years}}; {{awarded}} with an award).',
      doneTitle: 'Import complete',
      refusedTitle: 'The file has {{count}} problem(s); nothing was loaded',
      errorsCaption: 'Problems in {{name}}',
    },
    list: {
      heading: 'History by year',
      empty: 'No award history loaded.',
      emptyText: 'Download the template, enter past years’ results and import it.',
      yearHeading: '{{year}}',
      yearSummary: '{{awarded}} of {{units}} units awarded',
      caption: 'Award history {{year}}',
      noAward: '–',
      won: 'KRW {{amount}}',
    },
    columns: {
      year: 'Year',
      code: 'Code',
      name: 'Name',
      unit: '{{UnitEn}}',
      tier: 'Tier',
      rank: 'Rank',
      score: 'Score',
      prize: 'Prize',
      source: 'Source',
      note: 'Note',
    },
  },
};
