// Ground truth of generated samples: the incidents a detector should find, and nothing else.

export interface TruthIncident {
  service: string;
  /** ISO 3166-1 alpha-2 codes of the countries where it is felt. */
  regions: string[];
  /** ISO time the complaints start rising. */
  riseStart: string;
  /** ISO time the service is back. */
  end: string;
  /** Expected complaints an hour (all regions) at the peak. */
  complaintsPerHourAtPeak: number;
}
