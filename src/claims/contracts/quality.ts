/**
 * A facility's quality score turned into its payment coefficient (seed 001: case payments at
 * 80 to 120 % of the average cost by quality for public facilities, up to 150 % for private
 * ones). The bands are the scheme's; each starts at a score and gives a coefficient.
 */
export interface QualityBand {
  minScore: number;
  coefficientBp: number;
}

export interface QualityBands {
  public: QualityBand[];
  private: QualityBand[];
}

/** With no assessment yet, a facility is paid the average cost itself. */
export const NO_ASSESSMENT_BP = 10_000;

export function coefficientFor(bands: QualityBands, ownership: 'public' | 'private', score: number | null): number {
  if (score === null) return NO_ASSESSMENT_BP;
  let coefficient = NO_ASSESSMENT_BP;
  let best = -1;
  for (const band of bands[ownership]) {
    if (band.minScore <= score && band.minScore > best) {
      best = band.minScore;
      coefficient = band.coefficientBp;
    }
  }
  return coefficient;
}
