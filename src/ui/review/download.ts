/** Offers a text file for download through a Blob URL (as the read bar does). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A number as a percentage with one decimal, e.g. `62.5%`. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** A proportion with three decimals. */
export function fixed3(value: number): string {
  // No "-0.000": a bound that rounds to zero is zero.
  return Math.abs(value) < 0.0005 ? (0).toFixed(3) : value.toFixed(3);
}
