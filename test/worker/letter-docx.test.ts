/**
 * The Word writer (shared/letter/docx.ts, the `docx` library) runs in real workerd, as the Worker's
 * letter route will call it: the sample month's letter comes out as a Word package. What the file holds
 * is checked in Node (test/shared/letter-docx.test.ts, XML and LibreOffice's print).
 */
import { describe, expect, it } from "vitest";
import { letterDocx } from "../../shared/letter/docx";
import { seedLetter } from "../../samples/seed-000-letter";

describe("letterDocx in workerd", () => {
  it("writes the sample month's letter as a zip package with the Word document part", async () => {
    const bytes = await letterDocx(seedLetter());
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    // The parts' names are stored uncompressed in the central directory.
    const names = new TextDecoder("latin1").decode(bytes);
    for (const part of ["[Content_Types].xml", "word/document.xml", "word/styles.xml", "word/header1.xml"]) expect(names).toContain(part);
    expect(bytes.length).toBeGreaterThan(20_000);
  });
});
