// One colour per head: Paul Tol's 12-colour discrete rainbow, chosen to stay distinct for colour-blind readers.
// No d3 here: exported HTML files inline this file.

export const HEAD_COLOURS = [
  '#882E72', '#1965B0', '#5289C7', '#7BAFDE', '#4EB265', '#90C987',
  '#CAE0AB', '#F7F056', '#F6C141', '#F1932D', '#E8601C', '#DC050C',
];

export function headColour(head) {
  return HEAD_COLOURS[head % HEAD_COLOURS.length];
}
