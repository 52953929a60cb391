/**
 * Seed 000 as the Word letter: the December 2024 report (Phụ lục 4's ties in the letter's order, as the
 * golden tests build it) in Hà Nội's settings, with the letter's own number and date (văn bản
 * 193/UBND-KSTTHC of 17/01/2025). For the letter's tests, `npm run render` and the benchmark.
 */
import { buildReport, HA_NOI_LETTER_SETTINGS, letterModel, type Letter, type LetterMeta, type Report } from "../shared";
import { seedReportInput } from "./seed-000-input";

export const SEED_000_LETTER_META: LetterMeta = { number: "193", date: "2025-01-17" };

export function seedDecemberReport(): Report {
  return buildReport(seedReportInput(), { tieOrderByAppendix: { PL4: "input" } });
}

export function seedLetter(report: Report = seedDecemberReport()): Letter {
  return letterModel(report, HA_NOI_LETTER_SETTINGS, SEED_000_LETTER_META);
}
