// Formats a weight in grams as kilograms.
export function kilos(grams) {
  return (grams / 1000).toFixed(1) + ' kg';
}
