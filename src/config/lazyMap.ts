/**
 * A read-only map whose values are made on first `get` (and kept): a config file's sections
 * are indexed by name at once, but only the few an export uses are ever built. Iterating
 * values or entries builds them all, as a plain map would hold them.
 */
export class LazyMap<S, V> implements ReadonlyMap<string, V> {
  /** key → what its value is made from (one maker for all keys: no closure per key). */
  private readonly makers = new Map<string, S>();
  private readonly made = new Map<string, V>();

  constructor(private readonly make: (source: S) => V) {}

  /** Sets (or replaces, as Map.set does, keeping the first position) what `key`'s value is made from. */
  set(key: string, source: S): this {
    this.makers.set(key, source);
    if (this.made.size > 0) this.made.delete(key);
    return this;
  }

  get(key: string): V | undefined {
    if (this.made.has(key)) return this.made.get(key);
    if (!this.makers.has(key)) return undefined;
    const value = this.make(this.makers.get(key) as S);
    this.made.set(key, value);
    return value;
  }

  has(key: string): boolean {
    return this.makers.has(key);
  }

  get size(): number {
    return this.makers.size;
  }

  keys(): MapIterator<string> {
    return this.makers.keys();
  }

  values(): MapIterator<V> {
    return this.all().values();
  }

  entries(): MapIterator<[string, V]> {
    return this.all().entries();
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.all()) callback.call(thisArg, value, key, this);
  }

  private all(): Map<string, V> {
    const all = new Map<string, V>();
    for (const key of this.makers.keys()) all.set(key, this.get(key) as V);
    return all;
  }
}
