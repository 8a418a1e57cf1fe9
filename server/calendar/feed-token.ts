import { createHash, randomBytes } from 'node:crypto';

// The secret in a calendar feed URL (docs/calendar-feeds.md). 32 random bytes, base64url: 43
// characters, 256 bits, so guessing one is hopeless and the feed needs no rate limit of its own.

export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const newFeedToken = () => randomBytes(32).toString('base64url');

/** What is stored: a copy of the database gives nobody a working feed. */
export const hashFeedToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The URL a calendar program subscribes to: always from the configured public base URL, never the request's Host. */
export const feedUrl = (publicBaseUrl: string, token: string) => `${publicBaseUrl}/feeds/${token}.ics`;
