// User-facing text of the acceptance pages (Chinese first; English must have every key).
export const zhAcceptance = {
  'acceptance.title': 'acceptance',
};

export const enAcceptance: Record<keyof typeof zhAcceptance, string> = {
  'acceptance.title': 'acceptance',
};
