// Pure helpers of the Users import panel: the window of rows to render, and errors by cell.
import type { PreviewRow, RowError, UsersReport } from './bindings';

export const ROW_HEIGHT = 28;
export const OVERSCAN = 8;

export interface RowWindow {
  start: number;
  end: number;
}

/** The rows to render for a scroll position: the visible ones and a few either side. */
export function rowWindow(scrollTop: number, viewport: number, total: number, rowHeight = ROW_HEIGHT): RowWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const count = Math.ceil(Math.max(viewport, rowHeight) / rowHeight);
  return {
    start: Math.max(0, Math.min(total, first - OVERSCAN)),
    end: Math.min(total, first + count + OVERSCAN),
  };
}

export interface RowProblems {
  /** Messages by column name (as the header spells it); '' for the row as a whole. */
  byColumn: Map<string, string[]>;
}

/** The errors of each row, by row number. */
export function errorsByRow(errors: RowError[]): Map<number, RowProblems> {
  const out = new Map<number, RowProblems>();
  for (const e of errors) {
    const row = Number(e.row);
    let problems = out.get(row);
    if (!problems) {
      problems = { byColumn: new Map() };
      out.set(row, problems);
    }
    const list = problems.byColumn.get(e.column) ?? [];
    list.push(e.message);
    problems.byColumn.set(e.column, list);
  }
  return out;
}

/** The first error's row index in the preview, to jump to. */
export function firstErrorIndex(rows: PreviewRow[], errors: Map<number, RowProblems>): number {
  return rows.findIndex((r) => errors.has(Number(r.row)));
}

export interface Summary {
  valid: number;
  invalid: number;
  read: number;
  errors: number;
  warnings: string[];
}

export function summarise(report: UsersReport): Summary {
  return {
    valid: report.users.length,
    invalid: report.invalidRows,
    read: report.rowsRead,
    errors: report.errors.length,
    warnings: report.warnings,
  };
}

export const ENCODING_LABELS: Record<UsersReport['encoding'], string> = {
  utf8: 'UTF-8',
  utf8Bom: 'UTF-8 with BOM',
  utf16Le: 'UTF-16 LE',
  utf16Be: 'UTF-16 BE',
  windows1252: 'Latin-1 (Windows-1252)',
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
