import { createRequire } from "node:module";
import * as mupdf from "mupdf";

// jsQR is CommonJS whose types declare an ES default export.
const jsQR: typeof import("jsqr").default = createRequire(import.meta.url)("jsqr");

/** What a person or a phone reads off one label of a rendered sheet. */
export interface ReadLabel {
  page: number;
  /** The QR code's content, or null where no code decodes. */
  url: string | null;
}

/**
 * Renders each page of a label PDF (MuPDF, as a printer would) and decodes every QR code on it
 * with jsQR, label slot by label slot of the given grid; also returns each page's text.
 */
export function readLabelSheet(
  pdf: Uint8Array,
  grid: {
    columns: number;
    rows: number;
    marginTop: number;
    marginLeft: number;
    pitchX: number;
    pitchY: number;
    labelWidth: number;
    labelHeight: number;
  },
): { labels: ReadLabel[]; text: string[]; pageCount: number } {
  const document = mupdf.Document.openDocument(pdf, "application/pdf");
  const scale = 3; // ≈ 216 dpi
  const pxPerMm = (72 / 25.4) * scale;
  const labels: ReadLabel[] = [];
  const text: string[] = [];
  for (let index = 0; index < document.countPages(); index++) {
    const page = document.loadPage(index);
    text.push(page.toStructuredText("preserve-whitespace").asText());
    const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false);
    const width = pixmap.getWidth();
    const pixels = pixmap.getPixels(); // RGB, 3 bytes a pixel
    for (let row = 0; row < grid.rows; row++) {
      for (let column = 0; column < grid.columns; column++) {
        const x0 = Math.floor((grid.marginLeft + column * grid.pitchX) * pxPerMm);
        const y0 = Math.floor((grid.marginTop + row * grid.pitchY) * pxPerMm);
        const w = Math.floor(grid.labelWidth * pxPerMm);
        const h = Math.floor(grid.labelHeight * pxPerMm);
        const crop = new Uint8ClampedArray(w * h * 4);
        let blank = true;
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            const from = ((y0 + y) * width + x0 + x) * 3;
            const to = (y * w + x) * 4;
            crop[to] = pixels[from]!;
            crop[to + 1] = pixels[from + 1]!;
            crop[to + 2] = pixels[from + 2]!;
            crop[to + 3] = 255;
            if (pixels[from] !== 255) blank = false;
          }
        }
        if (blank) continue;
        labels.push({ page: index + 1, url: jsQR(crop, w, h)?.data ?? null });
      }
    }
  }
  return { labels, text, pageCount: document.countPages() };
}
