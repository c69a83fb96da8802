import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import QRCode from "qrcode";
import { A4, type LabelLayout } from "./LabelLayout.ts";

/** One unit's label: its QR code (the passport's page) and the ids a person reads. */
export interface Label {
  url: string;
  serialNumber: string;
  publicId: string;
  modelCode: string;
}

const POINTS_PER_MM = 72 / 25.4;
const mm = (value: number) => value * POINTS_PER_MM;
/** Blank modules around a QR code that readers need (the standard's quiet zone is 4; 2 scans well printed). */
const QUIET_ZONE = 2;
const PADDING_MM = 2.5;

/**
 * The dark modules of a QR code as PDF path operators: one filled rectangle per horizontal run, in
 * one path. Vector, sharp at any printer resolution, and written as text straight into the page's
 * content stream (pdf-lib's operator objects cost a few µs each, and a code has hundreds).
 */
function getQrCodeOperators(url: string, x: number, y: number, size: number): string {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: "M" });
  const count = modules.size;
  const module = size / (count + 2 * QUIET_ZONE);
  const left = x + QUIET_ZONE * module;
  const top = y + size - QUIET_ZONE * module;
  const parts: string[] = ["q 0 g"];
  for (let row = 0; row < count; row++) {
    let column = 0;
    while (column < count) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < count && modules.get(row, column)) column++;
      parts.push(
        `${(left + start * module).toFixed(2)} ${(top - (row + 1) * module).toFixed(2)} ${((column - start) * module).toFixed(2)} ${module.toFixed(2)} re`,
      );
    }
  }
  parts.push("f Q");
  return parts.join("\n");
}

/** The largest font size ≤ `size` at which `text` fits `width`. */
function fitText(font: PDFFont, text: string, size: number, width: number): number {
  const natural = font.widthOfTextAtSize(text, size);
  return natural <= width ? size : Math.max(4, (size * width) / natural);
}

function drawLabel(
  page: PDFPage,
  label: Label,
  box: { x: number; y: number; width: number; height: number },
  fonts: { regular: PDFFont; bold: PDFFont },
): string {
  const padding = mm(PADDING_MM);
  const qrSize = Math.min(box.height - 2 * padding, box.width * 0.55);
  const qrCode = getQrCodeOperators(label.url, box.x + padding, box.y + (box.height - qrSize) / 2, qrSize);
  const textX = box.x + padding + qrSize + padding / 2;
  const textWidth = box.x + box.width - padding - textX;
  const lines = [
    { text: label.serialNumber, font: fonts.bold, size: 9 },
    { text: label.modelCode, font: fonts.regular, size: 7 },
    { text: label.publicId, font: fonts.regular, size: 6.5 },
  ].map((line) => ({ ...line, size: fitText(line.font, line.text, line.size, textWidth) }));
  const lineGap = 2.5;
  const blockHeight = lines.reduce((sum, line) => sum + line.size, 0) + lineGap * (lines.length - 1);
  let baseline = box.y + (box.height + blockHeight) / 2;
  for (const line of lines) {
    baseline -= line.size;
    page.drawText(line.text, {
      x: textX,
      y: baseline + line.size * 0.2,
      size: line.size,
      font: line.font,
      color: rgb(0, 0, 0),
    });
    baseline -= lineGap;
  }
  return qrCode;
}

/**
 * A printable A4 PDF of QR labels laid out on `layout`, as many pages as the labels need. Text is
 * in the standard Helvetica (no font embedded), so 1,000 labels make a few hundred kB.
 */
export async function renderLabelSheet(labels: Label[], layout: LabelLayout, title: string): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.setTitle(title);
  document.setCreator("A360 Exchange");
  document.setProducer("A360 Exchange");
  document.setCreationDate(new Date());
  const fonts = {
    regular: await document.embedFont(StandardFonts.Helvetica),
    bold: await document.embedFont(StandardFonts.HelveticaBold),
  };
  const perPage = layout.columns * layout.rows;
  let page: PDFPage | undefined;
  let qrCodes: string[] = [];
  const addQrCodes = () => {
    if (!page || qrCodes.length === 0) return;
    page.node.addContentStream(document.context.register(document.context.flateStream(qrCodes.join("\n"))));
    qrCodes = [];
  };
  labels.forEach((label, index) => {
    const slot = index % perPage;
    if (slot === 0) {
      addQrCodes();
      page = document.addPage([mm(A4.width), mm(A4.height)]);
    }
    const column = slot % layout.columns;
    const row = Math.floor(slot / layout.columns);
    const box = {
      x: mm(layout.marginLeft + column * layout.pitchX),
      // PDF y grows upwards; rows are counted from the top of the sheet.
      y: mm(A4.height - layout.marginTop - row * layout.pitchY - layout.labelHeight),
      width: mm(layout.labelWidth),
      height: mm(layout.labelHeight),
    };
    qrCodes.push(drawLabel(page!, label, box, fonts));
  });
  addQrCodes();
  if (labels.length === 0) document.addPage([mm(A4.width), mm(A4.height)]);
  return document.save({ useObjectStreams: true });
}
