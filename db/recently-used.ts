/**
 * A map holding at most `size` entries: reading or writing an entry makes it the most recently
 * used, and adding one to a full map drops the one used longest ago. The statement cache, the
 * parsed return snapshots, the kept calendars and the triggers' parsed plan contents use it.
 */
export class RecentlyUsed<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly size: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // A Map keeps insertion order: moved to the end, it is the last to go.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
  }
}
