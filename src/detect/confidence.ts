// Outage confidence: evidence terms added in log-odds (each term says how much more, or less, likely an
// outage is given that piece of evidence), then squashed to 0..1. Volume surprise is the main term; the
// others correct it. Terms whose input is unknown (undefined) are neutral, which is how the
// continuous-value front end of the NAB runner uses the same function.

export interface ConfidenceWeights {
  /** Log-odds per unit of surprise (-log10 p) above `surpriseMidpoint`. */
  volume: number;
  /** Surprise at which volume alone gives confidence 0.5. */
  surpriseMidpoint: number;
  /** Observed / expected below this ratio is penalised: a significant but small rise is not an outage. */
  minRatio: number;
  ratio: number;
  /** Penalty per unit of ln(distinct authors / complaints) below `authorDiversity`. */
  authors: number;
  authorDiversity: number;
  /** Log-odds per unit of complaint share above / below 0.5. */
  complaintShare: number;
  /** Log-odds per unit of negative share above / below `negativeMidpoint`. */
  negative: number;
  negativeMidpoint: number;
  /** Log-odds per unit of symptom agreement above / below `symptomMidpoint`. */
  symptoms: number;
  symptomMidpoint: number;
  /** Log-odds per doubling of the regions (GLOBAL) or languages taking part. */
  regions: number;
  languages: number;
  /** Log-odds at full news confirmation; only counts once volume is near the midpoint and complaints lead. */
  news: number;
  newsSaturation: number;
  /** Below these counts confidence is capped at `belowMinimumCap` (times the fraction reached). */
  minComplaints: number;
  minAuthors: number;
  belowMinimumCap: number;
}

export const DEFAULT_CONFIDENCE_WEIGHTS: ConfidenceWeights = {
  volume: 0.9,
  surpriseMidpoint: 5,
  minRatio: 2,
  ratio: 2,
  authors: 2,
  authorDiversity: 0.6,
  complaintShare: 3,
  negative: 1,
  negativeMidpoint: 0.4,
  symptoms: 1,
  symptomMidpoint: 0.3,
  regions: 0.5,
  languages: 0.3,
  news: 1,
  newsSaturation: 3,
  minComplaints: 5,
  minAuthors: 3,
  belowMinimumCap: 0.4,
};

export interface ConfidenceInputs {
  /** -log10 of the upper-tail probability of the observation under the baseline. */
  surprise: number;
  /** (observed + 0.5) / (expected + 0.5); undefined when not a count. */
  ratio?: number;
  complaints?: number;
  authors?: number;
  complaintShare?: number;
  negativeShare?: number;
  /** Share of complaints naming the most common symptom. */
  symptomAgreement?: number;
  /** Regions with elevated complaints (GLOBAL signals). */
  regionsAffected?: number;
  languages?: number;
  newsMentions?: number;
  /** 0..1: how much history the baseline has (1 = fully warmed up). */
  maturity?: number;
}

const logistic = (z: number): number => 1 / (1 + Math.exp(-z));

export function outageConfidence(input: ConfidenceInputs, w: ConfidenceWeights = DEFAULT_CONFIDENCE_WEIGHTS): number {
  let z = w.volume * (Math.min(input.surprise, 30) - w.surpriseMidpoint);
  if (input.ratio !== undefined) z += w.ratio * Math.min(0, Math.log2(input.ratio / w.minRatio));
  const { complaints, authors } = input;
  if (complaints !== undefined && authors !== undefined && complaints > 0) {
    z += w.authors * Math.min(0, Math.log(Math.max(authors / complaints, 0.02) / w.authorDiversity));
  }
  if (input.complaintShare !== undefined) z += w.complaintShare * (input.complaintShare - 0.5);
  if (input.negativeShare !== undefined) z += w.negative * (input.negativeShare - w.negativeMidpoint);
  if (input.symptomAgreement !== undefined) z += w.symptoms * (input.symptomAgreement - w.symptomMidpoint);
  if (input.regionsAffected !== undefined && input.regionsAffected > 1) z += w.regions * Math.log2(input.regionsAffected);
  if (input.languages !== undefined && input.languages > 1) z += w.languages * Math.log2(input.languages);
  const complaintsLead = input.complaintShare === undefined || input.complaintShare >= 0.3;
  if (input.newsMentions !== undefined && complaintsLead && input.surprise >= w.surpriseMidpoint - 1) {
    z += w.news * Math.min(1, input.newsMentions / w.newsSaturation);
  }
  let confidence = logistic(z);
  if (complaints !== undefined && authors !== undefined) {
    const reached = Math.min(complaints / w.minComplaints, authors / w.minAuthors);
    if (reached < 1) confidence = Math.min(confidence, w.belowMinimumCap * reached);
  }
  if (input.maturity !== undefined) confidence *= Math.max(0, Math.min(1, input.maturity));
  return confidence;
}
