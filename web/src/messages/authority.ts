// User-facing text of the authority pages (Chinese first; English must have every key).
export const zhAuthority = {
  'authority.title': 'authority',
};

export const enAuthority: Record<keyof typeof zhAuthority, string> = {
  'authority.title': 'authority',
};
