// Small formatting helpers shared by the pages.
export function kilos(grams) {
  return (grams / 1000).toFixed(1) + ' kg';
}

export function readingTime(text) {
  const words = text.split(/\s+/).filter(Boolean).length;
  const minutes = Math.max(1, Math.round(words / 200));
  return minutes + (minutes === 1 ? ' minute' : ' minutes');
}
