// User-facing text of the portal pages (Chinese first; English must have every key).
export const zhPortal = {
  'portal.title': 'portal',
};

export const enPortal: Record<keyof typeof zhPortal, string> = {
  'portal.title': 'portal',
};
