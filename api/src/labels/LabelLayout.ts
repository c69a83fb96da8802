/** A sheet of labels: A4 portrait, a grid of equal labels. Lengths in millimetres. */
export interface LabelLayout {
  id: string;
  name: string;
  columns: number;
  rows: number;
  labelWidth: number;
  labelHeight: number;
  /** Sheet edge to the first label. */
  marginTop: number;
  marginLeft: number;
  /** Label start to the next label's start. */
  pitchX: number;
  pitchY: number;
}

export const A4 = { width: 210, height: 297 } as const;

/** Common A4 label sheets (dimensions as their makers publish them). */
export const LABEL_LAYOUTS = [
  {
    id: "a4-3x7",
    name: "3 × 7 labels, 63.5 × 38.1 mm (Avery L7160 and equivalents)",
    columns: 3,
    rows: 7,
    labelWidth: 63.5,
    labelHeight: 38.1,
    marginTop: 15.15,
    marginLeft: 7.25,
    pitchX: 66.04,
    pitchY: 38.1,
  },
  {
    id: "a4-3x8",
    name: "3 × 8 labels, 63.5 × 33.9 mm (Avery L7159 and equivalents)",
    columns: 3,
    rows: 8,
    labelWidth: 63.5,
    labelHeight: 33.9,
    marginTop: 12.9,
    marginLeft: 7.25,
    pitchX: 66.04,
    pitchY: 33.9,
  },
  {
    id: "a4-2x7",
    name: "2 × 7 labels, 99.1 × 38.1 mm (Avery L7163 and equivalents)",
    columns: 2,
    rows: 7,
    labelWidth: 99.1,
    labelHeight: 38.1,
    marginTop: 15.15,
    marginLeft: 4.65,
    pitchX: 101.6,
    pitchY: 38.1,
  },
  {
    id: "a4-2x4",
    name: "2 × 4 labels, 99.1 × 67.7 mm (Avery L7165 and equivalents)",
    columns: 2,
    rows: 4,
    labelWidth: 99.1,
    labelHeight: 67.7,
    marginTop: 13.1,
    marginLeft: 4.65,
    pitchX: 101.6,
    pitchY: 67.7,
  },
] as const satisfies readonly LabelLayout[];

export type LabelLayoutId = (typeof LABEL_LAYOUTS)[number]["id"];
export const LABEL_LAYOUT_IDS = LABEL_LAYOUTS.map((layout) => layout.id) as [LabelLayoutId, ...LabelLayoutId[]];

export function getLabelLayout(id: LabelLayoutId): LabelLayout {
  return LABEL_LAYOUTS.find((layout) => layout.id === id)!;
}
