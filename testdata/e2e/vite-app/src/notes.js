export const notes = [
  { id: 1, title: 'Tomatoes', text: 'First flowers opened on the south bed.' },
  { id: 2, title: 'Rain', text: 'Eleven millimetres overnight, the barrel is full.' },
  { id: 3, title: 'Bees', text: 'Two hives busy on the lavender by noon.' },
];
