// User-facing text of the usercentre pages (Chinese first; English must have every key).
export const zhUsercentre = {
  'usercentre.title': 'usercentre',
};

export const enUsercentre: Record<keyof typeof zhUsercentre, string> = {
  'usercentre.title': 'usercentre',
};
