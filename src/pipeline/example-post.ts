// A classified post as it is shown for an example: its text, where and when it comes from, and why the
// classifier judged it so. The batch report and the live service show the same shape.
import type { Post, Verdict } from '../model/types.ts';

export interface ExamplePost {
  postId: string;
  source: string;
  createdAt: string;
  text: string;
  lang: string;
  region: string;
  /** P(complaint) the classifier gave. */
  score: number;
  symptoms: string[];
  /** The features that decided the verdict, most important first. */
  why: string[];
}

export function examplePost(post: Post, verdict: Verdict, score: number): ExamplePost {
  return {
    postId: post.id,
    source: post.source,
    createdAt: post.createdAt,
    text: post.text,
    lang: verdict.lang,
    region: verdict.region.country,
    score,
    symptoms: verdict.symptoms,
    why: verdict.why,
  };
}
