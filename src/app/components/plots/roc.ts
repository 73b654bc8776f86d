// The classifier's cross-validated ROC curve (out-of-fold scores) with the chance diagonal and the chosen threshold's
// operating point.
import * as Plot from '@observablehq/plot';
import { asImage, type Figure } from './specs';

export interface RocFigureInput {
  roc: readonly { fpr: number; tpr: number }[];
  auc: number;
  /** The operating point at the chosen threshold. */
  point: { fpr: number; tpr: number };
}

const percent = (v: number): string => `${Math.round(v * 100)}%`;

export function rocFigure(input: RocFigureInput, width: number): Figure {
  const size = Math.min(width, 420);
  const chart = asImage(
    Plot.plot({
      width: size,
      height: size,
      x: {
        domain: [0, 1],
        label: 'False positive rate (understanding tagged reasoning)',
        tickFormat: percent,
        grid: true,
      },
      y: { domain: [0, 1], label: 'True positive rate (reasoning found)', tickFormat: percent, grid: true },
      marks: [
        Plot.line(
          [
            { fpr: 0, tpr: 0 },
            { fpr: 1, tpr: 1 },
          ],
          { x: 'fpr', y: 'tpr', stroke: '#a8a29e', strokeDasharray: '4 4' },
        ),
        Plot.line(input.roc, { x: 'fpr', y: 'tpr', stroke: '#2563eb', strokeWidth: 2 }),
        Plot.dot([input.point], { x: 'fpr', y: 'tpr', fill: '#c2410c', r: 5 }),
      ],
    }),
    `ROC curve, cross-validated AUC ${input.auc.toFixed(3)}`,
  );
  return {
    chart,
    legend: [
      { label: `ROC (AUC ${input.auc.toFixed(3)})`, color: '#2563eb' },
      { label: 'chosen threshold', color: '#c2410c' },
      { label: 'chance', color: '#a8a29e' },
    ],
  };
}
