export const harvest = [
  { crop: 'beans', grams: 4200, month: 'July' },
  { crop: 'courgettes', grams: 9100, month: 'August' },
  { crop: 'tomatoes', grams: 6350, month: 'August' },
];
