// Colours (head colours are in headColours.js). Weights: a white-to-blue sequential scale on sqrt(weight), so
// small weights stay visible next to big ones. Vector entries: a diverging red/blue scale around 0. (d3 is the global loaded from /vendor/d3.min.js.)

export const LINE_COLOUR = '#1f4e9c';

/** 256 RGBA entries: entry k is the colour of weight (k / 255)^2. */
export const WEIGHT_LUT = lut(t => d3.interpolateBlues(0.03 + 0.97 * t));

export function weightColour(w) {
  return d3.interpolateBlues(0.03 + 0.97 * Math.sqrt(Math.max(0, Math.min(1, w))));
}

export function weightIndex(w) {
  return Math.round(255 * Math.sqrt(w > 0 ? (w < 1 ? w : 1) : 0));
}

/** Where a vector entry v falls on a symmetric scale of half-width `range`: 0 (most negative) to 1. */
function signedPosition(v, range) {
  return range > 0 ? 0.5 + 0.5 * Math.max(-1, Math.min(1, v / range)) : 0.5;
}

/** Colour of a vector entry: blue below 0, red above. */
export function signedColour(v, range) {
  return d3.interpolateRdBu(1 - signedPosition(v, range));
}

/** 256 RGBA entries of the signed scale, for painting many entries at once. */
export const SIGNED_LUT = lut(t => d3.interpolateRdBu(1 - t));

export function signedIndex(v, range) {
  return Math.round(255 * signedPosition(v, range));
}

function lut(colour) {
  const table = new Uint8ClampedArray(256 * 4);
  for (let k = 0; k < 256; k++) {
    const c = d3.rgb(colour(k / 255));
    table.set([c.r, c.g, c.b, 255], k * 4);
  }
  return table;
}
