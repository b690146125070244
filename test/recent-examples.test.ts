// The few newest posts per service and label that the live service keeps for the page.
import { describe, expect, it } from 'vitest';
import type { ClassifiedPost, Label } from '../src/model/types.ts';
import { mergeRecent, type RecentExamples } from '../src/live/recent-examples.ts';

function classified(id: string, minute: number, label: Label): ClassifiedPost {
  return {
    post: { id, source: 'twitter', text: `post ${id}`, createdAt: `2025-04-01T08:${String(minute).padStart(2, '0')}:00.000Z` },
    verdict: {
      postId: id, services: ['vodafone'], label, score: label === 'complaint' ? 0.9 : 0.1,
      sentiment: { label: 'neutral', score: 0 }, symptoms: [], lang: 'en',
      region: { country: 'NL', source: 'profile', confidence: 0.8 }, why: ['outage:down'],
    },
  };
}

const none: RecentExamples = { complaint: [], news: [], joke: [], other: [] };

describe('recent examples', () => {
  it('keeps the three newest posts of each label, newest first, with their text and why', () => {
    const kept = mergeRecent(none, [1, 5, 3, 4, 2].map((m) => classified(`c${m}`, m, 'complaint')).concat(classified('n1', 1, 'news')));
    expect(kept.complaint.map((e) => e.postId)).toEqual(['c5', 'c4', 'c3']);
    expect(kept.news.map((e) => [e.postId, e.text, e.why])).toEqual([['n1', 'post n1', ['outage:down']]]);
    expect(kept.joke).toEqual([]);
  });

  it('lets newer posts of a later batch push older ones out, and keeps a post delivered twice once', () => {
    const first = mergeRecent(none, [1, 2, 3].map((m) => classified(`c${m}`, m, 'complaint')));
    const second = mergeRecent(first, [classified('c3', 3, 'complaint'), classified('c9', 9, 'complaint')]);
    expect(second.complaint.map((e) => e.postId)).toEqual(['c9', 'c3', 'c2']);
  });
});
