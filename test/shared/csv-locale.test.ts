/**
 * Issue 12 item 7: the Worker's tables as a spreadsheet set to vi-VN (decimal comma) and one set to
 * en-US open them. LibreOffice headless, with a user profile whose locale is vi-VN or en-US
 * (registrymodifications.xcu: ooSetupSystemLocale; the CSV filter is given the separator and
 * UTF-8 only, so the number recognition is the locale's), converts each file to flat ODS, whose XML
 * says of every cell whether it is a float or a string.
 *
 * - the plain CSV (`?format=csv`) under vi-VN: 88.08, 0.92, -3.4 arrive as text — the problem;
 * - `?format=csv&locale=vi` (semicolons, decimal comma) under vi-VN: numbers;
 * - `?format=xlsx` under both: numbers (typed cells, no locale involved);
 * - the plain CSV under en-US: numbers (what Google Sheets IMPORTDATA sees).
 * Needs LibreOffice (libreoffice-calc-nogui); skipped, saying so, without it.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport, type PlainTable } from "../../shared";
import { seedReportInput } from "../../samples/seed-000-input";
import { onPath } from "../../scripts/render-workbook";
import { BOM, csvFieldVi, tableBody, toLocaleCsv } from "../../worker/csv";
import { appendixTable, rankingTable } from "../../worker/tables";

const run = promisify(execFile);
const soffice = onPath("soffice", "libreoffice");
const dir = mkdtempSync(path.join(os.tmpdir(), "chiso766-csv-locale-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Locale = "vi-VN" | "en-US";
interface Cell {
  readonly type: string;
  readonly value: number | null;
  readonly text: string;
}

const report = buildReport(seedReportInput(), { tieOrderByAppendix: { PL4: "input" } });
const tables: Record<string, PlainTable> = { rankings: rankingTable(report.ranking.entries), pl1: appendixTable(report.appendices[0]!) };

/** A LibreOffice user profile whose locale is `locale`. */
function profile(locale: Locale): string {
  const home = path.join(dir, `profile-${locale}`);
  mkdirSync(path.join(home, "user"), { recursive: true });
  writeFileSync(
    path.join(home, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n` +
      `<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>${locale}</value></prop></item>\n` +
      "</oor:items>\n",
  );
  return home;
}

/** Converts `files` to .fods in `out` with one soffice start; CSV read with `separator` (a char code), UTF-8, from row 1. */
async function toFods(home: string, separator: number, files: readonly string[], out: string): Promise<void> {
  await run(soffice as string, [`-env:UserInstallation=file://${home}`, "--headless", "--norestore", "--nolockcheck", `--infilter=CSV:${separator},34,76,1`, "--convert-to", "fods", "--outdir", out, ...files], { env: { ...process.env, HOME: home }, timeout: 120_000 });
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** The first sheet of a flat ODS file, row by row (trailing empty cells dropped). */
function readFods(file: string): Cell[][] {
  const xml = readFileSync(file, "utf8");
  const table = /<table:table [\s\S]*?<\/table:table>/.exec(xml)?.[0] ?? "";
  const rows: Cell[][] = [];
  for (const row of table.matchAll(/<table:table-row[^>]*?(?:\/>|>([\s\S]*?)<\/table:table-row>)/g)) {
    const cells: Cell[] = [];
    for (const m of (row[1] ?? "").matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)) {
      const attrs = m[1] ?? "";
      const repeat = Number(/table:number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? "1");
      const type = /office:value-type="(\w+)"/.exec(attrs)?.[1] ?? "empty";
      const value = /office:value="([^"]*)"/.exec(attrs)?.[1];
      const text = unescape([...(m[2] ?? "").matchAll(/<text:p[^>]*>([\s\S]*?)<\/text:p>/g)].map((p) => (p[1] ?? "").replace(/<[^>]+>/g, "")).join("\n"));
      for (let i = 0; i < Math.min(repeat, 64); i++) cells.push({ type, value: value === undefined ? null : Number(value), text });
    }
    while (cells.length && cells.at(-1)?.type === "empty") cells.pop();
    if (cells.length) rows.push(cells);
  }
  return rows;
}

/** The cells that hold a number in the table (row, column, the number) — every one, integers too. */
function numbersOf(table: PlainTable): { row: number; col: number; n: number }[] {
  return table.rows.flatMap((r, row) => r.flatMap((v, col) => (typeof v === "number" ? [{ row: row + 1, col, n: v }] : [])));
}

const opened = new Map<string, Cell[][]>();
const key = (locale: Locale, variant: "csv" | "csv-vi" | "xlsx", name: string) => `${locale}/${variant}/${name}`;

describe("the vi-VN CSV (?format=csv&locale=vi)", () => {
  it("decimal comma, no thousands separator, semicolons; texts neutralised and quoted when they hold a semicolon", () => {
    expect([csvFieldVi(88.08), csvFieldVi(-3.4), csvFieldVi(11212), csvFieldVi(0), csvFieldVi(null)]).toEqual(["88,08", "-3,4", "11212", "0", ""]);
    expect(csvFieldVi("Tăng 0.92")).toBe("Tăng 0.92");
    expect(csvFieldVi("Phòng A; B")).toBe('"Phòng A; B"');
    expect(csvFieldVi('Sở "Tư pháp"; X')).toBe('"Sở ""Tư pháp""; X"');
    expect(csvFieldVi("=1+2")).toBe("'=1+2");
    expect(csvFieldVi("=A1;B1")).toBe(`"'=A1;B1"`);
    expect(toLocaleCsv([["Hạng", "Điểm"], [1, 88.08]], "vi")).toBe(`${BOM}Hạng;Điểm\r\n1;88,08\r\n`);
  });

  it("every number reads back exactly with the comma as the decimal point (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }).filter((n) => n === 0 || Math.abs(n) >= 1e-6), (n) => {
        const field = csvFieldVi(n);
        expect(field).not.toMatch(/[.;e]/);
        expect(Number(field.replace(",", "."))).toBe(n === 0 ? 0 : n);
      }),
    );
  });
});

describe.skipIf(!soffice)(`CSV and .xlsx in a vi-VN and an en-US spreadsheet (LibreOffice)${soffice ? "" : " — SKIPPED: LibreOffice (soffice) not on PATH"}`, () => {
  beforeAll(async () => {
    const files = { csv: [] as string[], "csv-vi": [] as string[], xlsx: [] as string[] };
    for (const [name, table] of Object.entries(tables)) {
      const write = (variant: keyof typeof files, file: string, body: string | Uint8Array) => {
        const full = path.join(dir, variant, file);
        mkdirSync(path.dirname(full), { recursive: true });
        writeFileSync(full, body);
        files[variant].push(full);
      };
      write("csv", `${name}.csv`, tableBody("csv", table, "en"));
      write("csv-vi", `${name}.csv`, tableBody("csv", table, "vi"));
      write("xlsx", `${name}-book.xlsx`, tableBody("xlsx", table));
    }
    // Two soffice starts per locale at most, the two locales side by side (each its own profile).
    const open = async (locale: Locale, runs: [variant: keyof typeof files, separator: number][]) => {
      const home = profile(locale);
      for (const [variant, separator] of runs) {
        const out = path.join(dir, `out-${locale}-${variant}`);
        await toFods(home, separator, files[variant], out);
        for (const name of Object.keys(tables)) opened.set(key(locale, variant, name), readFods(path.join(out, `${name}.fods`)));
        // (the .xlsx files, converted alongside the comma CSVs, are read below)
      }
    };
    // The .xlsx files go with the comma CSVs: LibreOffice detects them as .xlsx whatever the CSV filter says.
    files.csv.push(...files.xlsx);
    await Promise.all([
      open("vi-VN", [["csv", 44], ["csv-vi", 59]]),
      open("en-US", [["csv", 44]]),
    ]);
    for (const locale of ["vi-VN", "en-US"] as const) for (const name of Object.keys(tables)) {
      const out = path.join(dir, `out-${locale}-csv`);
      opened.set(key(locale, "xlsx", name), readFods(path.join(out, `${name}-book.fods`)));
    }
  }, 180_000);

  const expectNumbers = (locale: Locale, variant: "csv" | "csv-vi" | "xlsx") => {
    for (const [name, table] of Object.entries(tables)) {
      const sheet = opened.get(key(locale, variant, name));
      expect(sheet, `${locale} ${variant} ${name}`).toBeDefined();
      // Headers and texts arrive as texts, Vietnamese intact.
      expect(sheet?.[0]?.map((c) => c.text)).toEqual([...table.header]);
      for (const { row, col, n } of numbersOf(table)) {
        const cell = sheet?.[row]?.[col];
        expect({ where: `${locale} ${variant} ${name} R${row + 1}C${col + 1}`, type: cell?.type, value: cell?.value }).toEqual({ where: `${locale} ${variant} ${name} R${row + 1}C${col + 1}`, type: "float", value: n });
      }
      if (name === "rankings") for (const [i, r] of table.rows.entries()) expect(sheet?.[i + 1]?.[2]).toMatchObject({ type: "string", text: r[2] });
    }
  };

  it("the problem: the plain CSV in a vi-VN spreadsheet reads 88.08, 0.92 and -3.4 as text", () => {
    const sheet = opened.get(key("vi-VN", "csv", "rankings"));
    const row = tables.rankings!.rows.findIndex((r) => r[4] === 88.08);
    expect(row).toBeGreaterThanOrEqual(0);
    expect(sheet?.[row + 1]?.[4]).toMatchObject({ type: "string", text: "88.08" });
    expect(sheet?.[row + 1]?.[5]).toMatchObject({ type: "string", text: "0.92" });
    const down = tables.rankings!.rows.findIndex((r) => r[5] === -3.4);
    expect(sheet?.[down + 1]?.[5]).toMatchObject({ type: "string", text: "-3.4" });
    // Every number with a fraction is lost that way.
    const fractions = numbersOf(tables.rankings!).filter((x) => !Number.isInteger(x.n));
    expect(fractions.length).toBeGreaterThan(20);
    for (const { row: r, col } of fractions) expect(sheet?.[r]?.[col]?.type).toBe("string");
  });

  it("?format=csv&locale=vi in a vi-VN spreadsheet: numbers are numbers", () => expectNumbers("vi-VN", "csv-vi"));
  it("?format=xlsx in a vi-VN spreadsheet: numbers are numbers", () => expectNumbers("vi-VN", "xlsx"));
  it("?format=xlsx in an en-US spreadsheet: numbers are numbers", () => expectNumbers("en-US", "xlsx"));
  it("the plain CSV in an en-US spreadsheet (as Google Sheets IMPORTDATA parses it): numbers are numbers", () => expectNumbers("en-US", "csv"));
});
