import type { CycleStage, ItemStatus } from '../../../types/index.js';

/** When the officer may change an item (the server checks again): while collecting data, or once returned. */
export function officerMayEdit(stage: CycleStage, status: ItemStatus): boolean {
  if (stage === 'open') return status === 'not_started' || status === 'draft' || status === 'returned';
  if (stage === 'verification') return status === 'returned';
  return false;
}

export function officerMaySubmit(stage: CycleStage, status: ItemStatus): boolean {
  return officerMayEdit(stage, status) && status !== 'not_started';
}

/** The approver decides while data are collected and verified. */
export function approverMayAct(stage: CycleStage): boolean {
  return stage === 'open' || stage === 'verification';
}
