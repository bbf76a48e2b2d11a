// One colour per workflow status, used by the counts and the verification matrix. Colour is never the only cue:
// every use also prints the status name (or an icon with a text alternative).
export const statusColours: Record<string, string> = {
  draft: 'var(--color-gray-40)',
  submitted: 'var(--color-info-60)',
  approved: 'var(--color-primary-40)',
  returned: 'var(--color-danger-50)',
  verified: 'var(--color-success-60)',
  assigned: 'var(--color-gray-40)',
  filed: 'var(--color-warning-50)',
  accepted: 'var(--color-success-60)',
  rejected: 'var(--color-danger-50)',
  withdrawn: 'var(--color-gray-30)',
};

/** Workflow order of the statuses of each count, so the lists read the same way every time. */
export const statusOrder = {
  submissions: ['draft', 'submitted', 'approved', 'returned', 'verified'],
  reviews: ['assigned', 'draft', 'submitted'],
  objections: ['filed', 'accepted', 'rejected', 'withdrawn'],
} as const;
