// CSV export. Excel opens a UTF-8 file as the local code page unless it starts with a byte
// order mark, so Chinese headers would show as mojibake without it; lines end in CRLF as
// RFC 4180 says.
export const BOM = "\uFEFF";

export type CsvCell = string | number | null | undefined;

function cell(v: CsvCell): string {
  if (v == null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  // A text cell that starts like a formula would run as one in a spreadsheet.
  let s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  if (/[",\r\n]/.test(s)) s = `"${s.replaceAll('"', '""')}"`;
  return s;
}

/** A CSV document (with BOM) from a header row and data rows. */
export function buildCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(cell).join(","));
  return BOM + lines.join("\r\n") + "\r\n";
}

/** One column of a series table: a label (with unit) and one value per year. */
export interface SeriesColumn {
  header: string;
  values: readonly (number | null | undefined)[];
}

/** Years down, series across: the layout a spreadsheet user expects. */
export function seriesCsv(yearHeader: string, years: readonly number[], columns: readonly SeriesColumn[]): string {
  for (const c of columns) {
    if (c.values.length !== years.length) throw new Error(`column "${c.header}" has ${c.values.length} values for ${years.length} years`);
  }
  const rows = years.map((y, i) => [y, ...columns.map((c) => c.values[i])]);
  return buildCsv([yearHeader, ...columns.map((c) => c.header)], rows);
}
