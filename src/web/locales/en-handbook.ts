import type { koHandbook } from './ko-handbook.js';

export const enHandbook: typeof koHandbook = {
  handbook: {
    title: 'Evaluation handbook',
    titleOf: '{{code}} handbook',
    definition: 'Definition',
    formula: 'Formula',
    evidence: 'Evidence',
    checklist: 'Checklist',
    notes: 'Notes',
    empty: 'No handbook text for this indicator yet.',
    pdf: 'Whole handbook (PDF)',
    publicPdf: 'Evaluation handbook (PDF)',
    pdfHint: 'Every indicator’s guidance in one file.',
    editor: {
      legend: 'Evaluation handbook',
      intro: 'Shown beside the officer’s form and the reviewer’s sheet. Korean first; parts left empty are not shown.',
      definitionKo: 'Definition (Korean)',
      definitionEn: 'Definition (English)',
      formulaKo: 'Formula in words (Korean)',
      formulaEn: 'Formula in words (English)',
      evidenceKo: 'Evidence (Korean, one per line)',
      evidenceEn: 'Evidence (English, one per line, in the Korean order)',
      checklistKo: 'Checklist (Korean, one per line)',
      checklistEn: 'Checklist (English, one per line, in the Korean order)',
      checklistHint: 'For "items" indicators, list the items that count.',
      notesKo: 'Notes (Korean)',
      notesEn: 'Notes (English)',
    },
  },
};
