/**
 * A 5x7 bitmap font (capitals, digits, space, '-', '=', '.') for the labels of the sample's
 * montage (scripts/sample/montage.mjs), so the generator needs no font library.
 */

/** Each glyph: seven rows of five columns, '#' set. */
const GLYPHS = {
  A: [' ### ', '#   #', '#   #', '#####', '#   #', '#   #', '#   #'],
  B: ['#### ', '#   #', '#   #', '#### ', '#   #', '#   #', '#### '],
  C: [' ### ', '#   #', '#    ', '#    ', '#    ', '#   #', ' ### '],
  D: ['#### ', '#   #', '#   #', '#   #', '#   #', '#   #', '#### '],
  E: ['#####', '#    ', '#    ', '#### ', '#    ', '#    ', '#####'],
  F: ['#####', '#    ', '#    ', '#### ', '#    ', '#    ', '#    '],
  G: [' ### ', '#   #', '#    ', '# ###', '#   #', '#   #', ' ####'],
  H: ['#   #', '#   #', '#   #', '#####', '#   #', '#   #', '#   #'],
  I: [' ### ', '  #  ', '  #  ', '  #  ', '  #  ', '  #  ', ' ### '],
  J: ['  ###', '   # ', '   # ', '   # ', '   # ', '#  # ', ' ##  '],
  K: ['#   #', '#  # ', '# #  ', '##   ', '# #  ', '#  # ', '#   #'],
  L: ['#    ', '#    ', '#    ', '#    ', '#    ', '#    ', '#####'],
  M: ['#   #', '## ##', '# # #', '# # #', '#   #', '#   #', '#   #'],
  N: ['#   #', '#   #', '##  #', '# # #', '#  ##', '#   #', '#   #'],
  O: [' ### ', '#   #', '#   #', '#   #', '#   #', '#   #', ' ### '],
  P: ['#### ', '#   #', '#   #', '#### ', '#    ', '#    ', '#    '],
  Q: [' ### ', '#   #', '#   #', '#   #', '# # #', '#  # ', ' ## #'],
  R: ['#### ', '#   #', '#   #', '#### ', '# #  ', '#  # ', '#   #'],
  S: [' ####', '#    ', '#    ', ' ### ', '    #', '    #', '#### '],
  T: ['#####', '  #  ', '  #  ', '  #  ', '  #  ', '  #  ', '  #  '],
  U: ['#   #', '#   #', '#   #', '#   #', '#   #', '#   #', ' ### '],
  V: ['#   #', '#   #', '#   #', '#   #', '#   #', ' # # ', '  #  '],
  W: ['#   #', '#   #', '#   #', '# # #', '# # #', '# # #', ' # # '],
  X: ['#   #', '#   #', ' # # ', '  #  ', ' # # ', '#   #', '#   #'],
  Y: ['#   #', '#   #', ' # # ', '  #  ', '  #  ', '  #  ', '  #  '],
  Z: ['#####', '    #', '   # ', '  #  ', ' #   ', '#    ', '#####'],
  0: [' ### ', '#   #', '#  ##', '# # #', '##  #', '#   #', ' ### '],
  1: ['  #  ', ' ##  ', '  #  ', '  #  ', '  #  ', '  #  ', ' ### '],
  2: [' ### ', '#   #', '    #', '   # ', '  #  ', ' #   ', '#####'],
  3: ['#####', '   # ', '  #  ', '   # ', '    #', '#   #', ' ### '],
  4: ['   # ', '  ## ', ' # # ', '#  # ', '#####', '   # ', '   # '],
  5: ['#####', '#    ', '#### ', '    #', '    #', '#   #', ' ### '],
  6: ['  ## ', ' #   ', '#    ', '#### ', '#   #', '#   #', ' ### '],
  7: ['#####', '    #', '   # ', '  #  ', ' #   ', ' #   ', ' #   '],
  8: [' ### ', '#   #', '#   #', ' ### ', '#   #', '#   #', ' ### '],
  9: [' ### ', '#   #', '#   #', ' ####', '    #', '   # ', ' ##  '],
  ' ': ['     ', '     ', '     ', '     ', '     ', '     ', '     '],
  '-': ['     ', '     ', '     ', '#####', '     ', '     ', '     '],
  '=': ['     ', '     ', '#####', '     ', '#####', '     ', '     '],
  '.': ['     ', '     ', '     ', '     ', '     ', ' ##  ', ' ##  '],
};

/** Glyph cell in font pixels: five columns and a space; seven rows. */
export const GLYPH_ADVANCE = 6;
export const GLYPH_HEIGHT = 7;

/**
 * Width in image pixels of a text at a scale (font pixel = scale x scale image pixels).
 * @param {string} text
 * @param {number} scale
 */
export function textWidth(text, scale) {
  return (text.length * GLYPH_ADVANCE - 1) * scale;
}

/**
 * Draw text into an 8-bit greyscale image, each font pixel a scale x scale square of `value`
 * with a one-pixel outline of `outline` around it so it reads on any background.
 * @param {Uint8Array} image row-major
 * @param {number} width of the image
 * @param {string} text capitals, digits, space, '-', '=', '.'
 * @param {number} x left edge
 * @param {number} y top edge
 * @param {{scale: number, value: number, outline: number}} style
 */
export function drawText(image, width, text, x, y, style) {
  const height = image.length / width;
  const set = (px, py, v) => {
    if (px >= 0 && py >= 0 && px < width && py < height) image[py * width + px] = v;
  };
  const cells = [];
  [...text.toUpperCase()].forEach((ch, i) => {
    const glyph = GLYPHS[ch];
    if (!glyph) throw new Error(`font.mjs has no glyph for ${JSON.stringify(ch)}`);
    glyph.forEach((row, gy) => {
      [...row].forEach((c, gx) => {
        if (c === '#')
          cells.push([x + (i * GLYPH_ADVANCE + gx) * style.scale, y + gy * style.scale]);
      });
    });
  });
  const s = style.scale;
  for (const [cx, cy] of cells) {
    for (let dy = -1; dy <= s; dy++)
      for (let dx = -1; dx <= s; dx++) set(cx + dx, cy + dy, style.outline);
  }
  for (const [cx, cy] of cells) {
    for (let dy = 0; dy < s; dy++)
      for (let dx = 0; dx < s; dx++) set(cx + dx, cy + dy, style.value);
  }
}
